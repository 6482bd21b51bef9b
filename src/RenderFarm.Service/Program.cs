using RenderFarm.Service.Cli;

return CommandLineApp.Run(args);
