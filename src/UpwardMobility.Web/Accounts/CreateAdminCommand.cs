using System.Text;
using UpwardMobility.Core.Accounts;

namespace UpwardMobility.Web.Accounts;

/// <summary>
/// <c>dotnet run --project src/UpwardMobility.Web -- create-admin EMAIL</c>: makes EMAIL an administrator (creates it, or
/// gives an existing account the Admin role, the new password, and enables and unlocks it). The password comes from
/// standard input when that is redirected (<c>echo "$PW" | ... create-admin EMAIL</c>), otherwise it is asked for twice
/// without echo. Exit code 0 when done, 1 when refused, 2 for a usage error.
/// </summary>
public sealed class CreateAdminCommand
{
    public const string Verb = "create-admin";
    /// <summary>The arguments are parsed (and the address checked) in <see cref="CommandLineVerbs"/>.</summary>
    public CreateAdminCommand(string email) => Email = email;

    public string Email { get; }

    /// <summary>Runs with the console: standard input when redirected, else a prompt without echo.</summary>
    public Task<int> RunAsync(IServiceProvider services) =>
        RunAsync(services, Console.IsInputRedirected ? ReadLine(Console.In) : PromptTwice, Console.Out);

    /// <param name="readPassword">Gives the password, or null when none was given (or the two entries differ).</param>
    public async Task<int> RunAsync(IServiceProvider services, Func<string?> readPassword, TextWriter output)
    {
        var password = readPassword();
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("No password was given; nothing was changed.");
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccountService>();
        var result = await accounts.CreateOrResetAdminAsync(Email, password, $"cli:{Environment.UserName}");
        await output.WriteLineAsync(result.Message);
        return result.Ok ? 0 : 1;
    }

    /// <summary>The first line of <paramref name="input"/>, without its line break.</summary>
    public static Func<string?> ReadLine(TextReader input) => () => input.ReadLine();

    private string? PromptTwice()
    {
        var first = Prompt($"Password for {Email}: ");
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }
        var second = Prompt("The same password again: ");
        if (first == second)
        {
            return first;
        }
        Console.Error.WriteLine("The two passwords differ.");
        return null;
    }

    /// <summary>Reads a line from the terminal without showing it.</summary>
    private static string Prompt(string text)
    {
        Console.Error.Write(text);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
