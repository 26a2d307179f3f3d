namespace Orleans.Licensing.Bench;

/// <summary>One goal of the issue, checked on one configuration of this run: PASS, or MISS (also when not measured).</summary>
internal sealed record GoalResult(string Configuration, string Goal, string Measured, bool Met);
