using System.Net.Sockets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace UpwardMobility.Web.Hosting;

/// <summary>
/// Failures that are not bugs: a form without its antiforgery token or with a malformed field (400), the database
/// briefly unreachable (503). They get the friendly error page with the right status, and one warning line in the
/// log instead of a stack trace; anything else is a 500, logged in full.
/// </summary>
public static class ExpectedFailures
{
    /// <summary>The status for an expected failure, or null for a real error.</summary>
    public static int? StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // Antiforgery refuses to issue or check a Secure cookie over plain HTTP (no TLS, and no trusted proxy saying
        // the request was https): the client's request cannot be served as sent.
        InvalidOperationException when IsFromAntiforgery(exception) => StatusCodes.Status400BadRequest,
        _ when IsDatabaseOutage(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    private static bool IsFromAntiforgery(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal) == true;

    /// <summary>PostgreSQL unreachable, shutting down or starting up (Npgsql marks those transient), or a pool timeout.</summary>
    public static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The error page at <c>/Error</c> for every exception, in every environment, with the status it deserves.</summary>
    public static void UseFriendlyErrors(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExpectedFailures));
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = e => StatusFor(e) ?? StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context =>
            {
                if (StatusFor(context.Exception) is not { } status)
                {
                    return false;
                }
                logger.LogWarning("{Method} {Path} answered {Status}: {Reason}", context.HttpContext.Request.Method,
                    context.HttpContext.Request.Path, status, Reason(context.Exception));
                return true;
            },
        });
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
                {
                    context.Response.Headers.RetryAfter = "30";
                }
                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    /// <summary>
    /// After the status code pages: a re-executed request (the error page for a form post that failed antiforgery)
    /// renders the page as a GET; the failed antiforgery result of the first pass would otherwise make reading the form
    /// throw again, or the page refuse the post.
    /// </summary>
    public static void UseFreshReExecution(this WebApplication app) => app.Use((context, next) =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page is read, never posted to: as a GET it neither checks nor reads the failed form again.
            context.Features.Set<IAntiforgeryValidationFeature>(null);
            context.Request.Method = HttpMethods.Get;
        }
        return next(context);
    });

    private static string Reason(Exception exception) =>
        IsDatabaseOutage(exception) ? "the database is unavailable (" + exception.GetBaseException().Message + ")" : exception.Message;
}
