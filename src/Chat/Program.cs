using LiveShop.Chat.Cli;

// One executable for every role: `serve` (the default) hosts the console and APIs; other verbs run and exit.
return await LiveShopCli.RunAsync(args);
