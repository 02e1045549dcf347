// Minimal entry point so the host project builds; the composition root (options, data, channels,
// scheduler, local chat) replaces it.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

public partial class Program;
