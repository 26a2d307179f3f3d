namespace Orleans.Licensing.Frontend.Console;

internal sealed record KaRequestCount(string Action, int Status, long Count);
