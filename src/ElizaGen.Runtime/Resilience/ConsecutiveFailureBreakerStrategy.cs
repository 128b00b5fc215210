using System.Runtime.CompilerServices;
using Polly;

namespace ElizaGen.Runtime.Resilience;

/// <summary>Runs <see cref="CircuitBreakerStateMachine"/> as a Polly v8 strategy.</summary>
internal sealed class ConsecutiveFailureBreakerStrategy : ResilienceStrategy
{
    private readonly CircuitBreakerStateMachine _breaker;

    public ConsecutiveFailureBreakerStrategy(CircuitBreakerStateMachine breaker)
    {
        _breaker = breaker;
    }

    // Pooled state machines: a call that really awaits allocates no box for this layer.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (!_breaker.TryAdmit(out var ticket, out var rejection))
        {
            return Outcome.FromException<TResult>(rejection);
        }

        Outcome<TResult> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception exception)
        {
            // Polly hands strategies callbacks that report exceptions as outcomes; this is a safety net.
            outcome = Outcome.FromException<TResult>(exception);
        }

        if (outcome.Exception is null)
        {
            _breaker.OnSuccess(ticket);
        }
        else if (TransientFailures.IsTransient(outcome.Exception) && !context.CancellationToken.IsCancellationRequested)
        {
            _breaker.OnTransientFailure(ticket, outcome.Exception);
        }
        else
        {
            _breaker.OnNeutral(ticket);
        }

        return outcome;
    }
}
