namespace Orleans.Licensing.Operator;

/// <summary>The service refused a call; the message is its answer.</summary>
internal sealed class OperatorException(string message) : Exception(message);
