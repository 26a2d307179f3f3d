namespace Orleans.Licensing.Storage;

/// <summary>One versioned schema script; scripts apply in name order, each exactly once.</summary>
public sealed record SchemaScript(string Name, string Sql);
