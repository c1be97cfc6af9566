using Adjudication.Node.Hosting;

var app = await NodeHost.BuildAsync(new NodeOptions(), args);
await app.RunAsync();
