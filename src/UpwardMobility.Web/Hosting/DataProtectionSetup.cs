using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using UpwardMobility.Core.Data;

namespace UpwardMobility.Web.Hosting;

/// <summary>
/// Data Protection keys (they sign the sign-in cookie, antiforgery tokens and set-password links) live in the app's
/// database, so every instance, and every redeploy of a container, reads the same key ring. One application name
/// for all instances: by default it is the content root path, which differs between hosts. With
/// <c>DataProtection:CertificatePath</c> (a PFX file; <c>DataProtection:CertificatePassword</c> if it has one) the
/// keys are encrypted at rest with that certificate; without it they are stored as plain XML, readable by whoever
/// can read the database.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "upward-mobility";
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        if (configuration[CertificatePathKey] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
            builder.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }
}
