using Adjudication.Node.Hosting;
using Adjudication.Node.Security;

try
{
    await using var app = await NodeHost.BuildAsync(new NodeOptions(), args);
    await app.RunNodeAsync();
    return 0;
}
catch (NodeConfigurationException ex)
{
    // The operator's to fix: every problem with what to change, no stack trace; 2 is the usage-error exit code.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
