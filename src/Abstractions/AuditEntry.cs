namespace Orleans.Licensing;

/// <summary>One change of a license and its cause (a KA action, an operator call, a restore). Stored: append-only.</summary>
[GenerateSerializer, Immutable, Alias("licensing.AuditEntry")]
public sealed record AuditEntry(DateTimeOffset At, string Cause, string Detail);
