using System.CommandLine;
using UpwardMobility.Web.Accounts;
using UpwardMobility.Web.Import;

namespace UpwardMobility.Web;

/// <summary>
/// The command-line verbs (<c>import</c>, <c>create-admin</c>) and <c>--help</c>, parsed by System.CommandLine.
/// Without a verb the program is the web app, and its arguments are ASP.NET Core's (<c>--urls</c>, …).
/// Exit codes: 0 done, 1 refused or failed, 2 a usage error (the message and the verb's help are printed).
/// </summary>
public static class CommandLineVerbs
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "/?"];

    /// <summary>True when the arguments name a verb or ask for help, rather than start the web app.</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args.Count > 0 && (args[0] is ImportCommand.Verb or CreateAdminCommand.Verb || HelpWords.Contains(args[0]));

    /// <summary>The verbs; each action starts the host with <paramref name="startHost"/> only once its arguments are valid.</summary>
    public static RootCommand Build(Func<Task<IHost>> startHost, Func<CreateAdminCommand, IServiceProvider, TextWriter, Task<int>>? runCreateAdmin = null)
    {
        var root = new RootCommand(
            "Upward Mobility Dashboard. With no verb it runs the web app (ASP.NET Core options such as --urls apply). " +
            "The verbs use the web app's configuration: appsettings.json, environment variables.");

        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report every file; write nothing." };
        var year = new Option<short?>("--year") { Description = "The year of files that have no year column (Urban's 'recent' files).", HelpName = "YEAR" };
        year.Validators.Add(result =>
        {
            if (result.GetValue(year) is < 1900 or > 2100)
            {
                result.AddError("--year needs a year such as 2023.");
            }
        });
        var acceptPartial = new Option<bool>("--accept-partial") { Description = "Import the good rows of a file that has rejected rows." };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "CSV files or folders (their CSV files, sorted by name), imported in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        // A one-or-more argument would take a mistyped option as a file name: name it as the usage error it is.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal)))
            {
                result.AddError($"There is no option {token.Value}: see --help.");
            }
        });
        var import = new Command(ImportCommand.Verb, "Import Urban Institute Mobility Metrics CSV files into the database.")
        {
            dryRun, year, acceptPartial, paths,
        };
        import.SetAction(async (parse, ct) =>
        {
            var command = new ImportCommand
            {
                DryRun = parse.GetValue(dryRun),
                AcceptPartial = parse.GetValue(acceptPartial),
                Year = parse.GetValue(year),
            };
            command.Paths.AddRange(parse.GetRequiredValue(paths));
            using var host = await startHost();
            return await command.RunAsync(host.Services, parse.InvocationConfiguration.Output, ct);
        });
        root.Add(import);

        var email = new Argument<string>("EMAIL") { Description = "The administrator's email address." };
        email.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrWhiteSpace(value) || value.StartsWith('-') || !value.Contains('@', StringComparison.Ordinal))
            {
                result.AddError("create-admin needs one argument, the administrator's email address.");
            }
        });
        var createAdmin = new Command(CreateAdminCommand.Verb,
            "Make EMAIL an administrator: create the account, or give an existing one the Admin role and a new password. " +
            "The password is read from standard input when it is redirected, otherwise asked for twice without echo.")
        {
            email,
        };
        createAdmin.SetAction(async (parse, _) =>
        {
            var command = new CreateAdminCommand(parse.GetRequiredValue(email).Trim());
            using var host = await startHost();
            return runCreateAdmin is null
                ? await command.RunAsync(host.Services)
                : await runCreateAdmin(command, host.Services, parse.InvocationConfiguration.Output);
        });
        root.Add(createAdmin);
        return root;
    }

    /// <summary>Parses and runs; a usage error prints its message and the help of the verb, and returns 2.</summary>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        // Our own handler below, so a stopped start-up is one line (the default handler prints a stack trace).
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }
            await error.WriteLineAsync();
            // The verb's own help, written to standard error.
            await root.Parse([.. parse.CommandResult.Command == root ? [] : new[] { parse.CommandResult.Command.Name }, "--help"])
                .InvokeAsync(new InvocationConfiguration { Output = error, Error = error }, ct);
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(configuration, ct);
        }
        catch (UpwardMobility.Core.Data.StartupStoppedException stopped)
        {
            await error.WriteLineAsync(stopped.Message);
            return 1;
        }
    }
}
