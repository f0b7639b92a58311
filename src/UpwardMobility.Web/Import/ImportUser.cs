using Microsoft.AspNetCore.Components.Authorization;

namespace UpwardMobility.Web.Import;

/// <summary>
/// Who the import pages record as the user. Until accounts exist (a later issue) nobody is signed in and the
/// name is <see cref="Anonymous"/>, as the command line records <c>cli:USER</c>; with accounts, the signed-in name.
/// </summary>
public static class ImportUser
{
    public const string Anonymous = "web:anonymous";

    public static async Task<string> NameAsync(AuthenticationStateProvider? provider)
    {
        if (provider is null)
        {
            return Anonymous;
        }
        try
        {
            var state = await provider.GetAuthenticationStateAsync();
            return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
        }
        catch (InvalidOperationException)
        {
            return Anonymous; // no authentication state on this request
        }
    }
}
