using System.CommandLine;
using Adjudication.Cli.Commands;

// System.CommandLine owns SIGINT/SIGTERM: it cancels the command's token, and the long-running commands then drain
// their nodes and return 0 within the bound (Draining). A command line it cannot parse exits 2, as usage errors do.
var parse = CliCommands.Build().Parse(args);
var exitCode = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = Draining.ProcessTerminationTimeout });
return parse.Errors.Count > 0 ? 2 : exitCode;
