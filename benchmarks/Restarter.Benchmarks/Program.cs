using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: no generated project to build (the repository's warnings-as-errors would apply to it), and a
// short job by default, because the machines are shared; pass BenchmarkDotNet's own options to change either.
var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .AsDefault());

BenchmarkSwitcher.FromAssembly(typeof(Restarter.Benchmarks.CodecBenchmarks).Assembly).Run(args, config);
