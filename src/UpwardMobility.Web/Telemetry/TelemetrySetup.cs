using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UpwardMobility.Core.Import;

namespace UpwardMobility.Web.Telemetry;

/// <summary>Settings of the telemetry (section <c>Telemetry</c>); see docs/operations.md, "Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>The OpenTelemetry collector's OTLP (gRPC) endpoint, <c>Telemetry:Otlp:Endpoint</c>.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Export by OTLP: <see cref="OtlpEndpoint"/> is set, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is (which the
    /// SDK then reads with its protocol and headers). Without either nothing is exported.
    /// </summary>
    public bool Otlp { get; set; }

    /// <summary>Serve the Prometheus scrape endpoint (<c>Telemetry:Prometheus:Enabled</c>).</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>Where it is served (<c>Telemetry:Prometheus:Path</c>).</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    public static TelemetryOptions From(IConfiguration configuration) => new()
    {
        OtlpEndpoint = configuration["Telemetry:Otlp:Endpoint"] is { Length: > 0 } endpoint ? endpoint : null,
        Otlp = configuration["Telemetry:Otlp:Endpoint"] is { Length: > 0 } || configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 },
        PrometheusEnabled = string.Equals(configuration["Telemetry:Prometheus:Enabled"], "true", StringComparison.OrdinalIgnoreCase),
        PrometheusPath = configuration["Telemetry:Prometheus:Path"] is { Length: > 0 } path ? path : "/metrics",
    };
}

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core requests, outgoing HttpClient calls, the database (Npgsql's own
/// instrumentation on PostgreSQL, which sees every command including the import's COPY; EF Core's on SQLite) and the
/// import (<see cref="ImportTelemetry"/>: files, rows, rejections, duration). Exported by OTLP only when an endpoint is
/// configured; the instruments cost next to nothing with no exporter. A Prometheus scrape endpoint behind a setting.
/// Logs carry the trace and span ids (in their scope, and as OTLP log records when exporting).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "upward-mobility";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = TelemetryOptions.From(configuration);
        var postgres = string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        var endpoint = options.OtlpEndpoint is { } configured ? new Uri(configured) : null;
        services.AddSingleton(options);
        // Every log record's scope carries the request's trace and span ids (the JSON console formatter writes them).
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o =>
                    // Health probes and static files are noise; the API, pages and CSVs are what an operator watches.
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/_framework"))
                    .AddHttpClientInstrumentation()
                    .AddSource(ImportTelemetry.SourceName);
                if (postgres)
                {
                    tracing.AddNpgsql();
                }
                else
                {
                    tracing.AddEntityFrameworkCoreInstrumentation();
                }
                if (options.Otlp)
                {
                    tracing.AddOtlpExporter(o => Point(o, endpoint));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(ImportTelemetry.MeterName);
                if (postgres)
                {
                    metrics.AddNpgsqlInstrumentation();
                }
                if (options.Otlp)
                {
                    metrics.AddOtlpExporter(o => Point(o, endpoint));
                }
                if (options.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (options.Otlp)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(o => Point(o, endpoint)), o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
        }
        return services;
    }

    /// <summary>The app's own setting wins; otherwise the SDK's defaults stand (it has read the OTEL_EXPORTER_OTLP_* variables).</summary>
    private static void Point(OpenTelemetry.Exporter.OtlpExporterOptions exporter, Uri? endpoint)
    {
        if (endpoint is not null)
        {
            exporter.Endpoint = endpoint;
            exporter.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;
        }
    }

    /// <summary>The Prometheus scrape endpoint, when <c>Telemetry:Prometheus:Enabled</c> is true (keep it off the public proxy).</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (options.PrometheusEnabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }
        return endpoints;
    }
}
