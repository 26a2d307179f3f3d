using System.Data.Common;

namespace Orleans.Licensing.Storage;

/// <summary>
/// One versioned schema step; steps apply in name order, each exactly once, each in its own transaction. Most are
/// SQL; a step that must decode stored data (carrying licenses over to a new layout) is <paramref name="Code"/>,
/// which reports what it did through the log it is given.
/// </summary>
public sealed record SchemaScript(string Name, string Sql, Func<DbConnection, DbTransaction, Action<string>, CancellationToken, Task>? Code = null);
