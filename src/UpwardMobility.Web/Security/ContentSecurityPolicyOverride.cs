namespace UpwardMobility.Web.Security;

/// <summary>
/// Endpoint metadata: this endpoint's page needs its own Content-Security-Policy (the API reference page, whose
/// library starts with an inline script carrying a per-request nonce). <see cref="SecurityHeaders"/> sends it instead of
/// the site's policy; every other security header is unchanged.
/// </summary>
public sealed record ContentSecurityPolicyOverride(Func<HttpContext, string> Policy);
