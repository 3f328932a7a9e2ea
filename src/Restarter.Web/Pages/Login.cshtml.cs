using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Restarter.Web.Users;

namespace Restarter.Web.Pages;

[AllowAnonymous]
public sealed partial class LoginModel(UserDirectory users, RestartAccess access, ILogger<LoginModel> logger) : PageModel
{
    private readonly ILogger<LoginModel> _logger = logger;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool Failed { get; private set; }

    public IActionResult OnGet() => access.LoginEnabled ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (!access.LoginEnabled)
        {
            return Redirect("/");
        }

        var user = string.IsNullOrEmpty(Name) || string.IsNullOrEmpty(Password) ? null : users.Authenticate(Name, Password);
        if (user is null)
        {
            LogLoginFailed(Name ?? string.Empty);
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        LogLoggedIn(user.Name);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    [LoggerMessage(1, LogLevel.Warning, "Login failed for {Name}")]
    private partial void LogLoginFailed(string name);

    [LoggerMessage(2, LogLevel.Information, "{Name} signed in")]
    private partial void LogLoggedIn(string name);
}
