using Orleans.Licensing.Verify;

return await VerifyCommand.Run(args, Console.Out, Console.Error, Console.OpenStandardInput);
