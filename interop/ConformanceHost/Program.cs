await ConformanceHost.ConformanceApp.Create(args).RunAsync();
