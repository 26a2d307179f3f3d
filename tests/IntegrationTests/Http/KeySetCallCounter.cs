namespace Orleans.Licensing.IntegrationTests.Http;

/// <summary>Counts the grain calls that reach <see cref="IKeySetGrain"/>, in the silo itself.</summary>
public sealed class KeySetCallCounter : IIncomingGrainCallFilter
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IKeySetGrain))
        {
            Interlocked.Increment(ref _calls);
        }

        return context.Invoke();
    }
}
