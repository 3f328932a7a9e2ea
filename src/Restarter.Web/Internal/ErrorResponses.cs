using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Restarter.Web.Responses;

namespace Restarter.Web.Internal;

/// <summary>
/// Bodies for responses that would otherwise be empty or a stack trace: a short page for browsers, the legacy JSON
/// shape for scripts. Never the exception's details.
/// </summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (context.Request.WantsHtml())
        {
            response.ContentType = "text/html; charset=utf-8";
            var title = WebUtility.HtmlEncode($"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}");
            return response.WriteAsync(
                $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>" +
                "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main>" +
                $"<h1>{title}</h1><p class=\"failure\">{WebUtility.HtmlEncode(message)}</p><p><a href=\"/\">Back to the form</a></p>" +
                "</main></body></html>\n");
        }

        response.ContentType = LegacyJson.ContentType;
        return response.WriteAsync(LegacyJson.Restart(false, message));
    }

    /// <summary>For <c>UseStatusCodePages</c>: empty 4xx/5xx answers (antiforgery, 404, 405) get a body.</summary>
    public static Task StatusCodePageAsync(StatusCodeContext context)
    {
        var statusCode = context.HttpContext.Response.StatusCode;
        var message = statusCode switch
        {
            StatusCodes.Status400BadRequest => "Bad request: the form was incomplete or expired; reload the page and try again.",
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
            _ => ReasonPhrases.GetReasonPhrase(statusCode),
        };
        return WriteAsync(context.HttpContext, statusCode, message);
    }

    /// <summary>For <c>UseExceptionHandler</c>: a 500 that says nothing about the code.</summary>
    public static Task ExceptionAsync(HttpContext context)
    {
        var feature = context.Features.Get<IExceptionHandlerFeature>();
        var status = feature?.Error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        return WriteAsync(context, status, status == 500 ? "Internal error; the details are in the server's log." : "Bad request.");
    }
}
