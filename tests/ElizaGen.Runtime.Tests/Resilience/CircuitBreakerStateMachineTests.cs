using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.Runtime.Tests.Resilience;

public sealed class CircuitBreakerStateMachineTests
{
    private static readonly Exception Transient = new TimeoutException("server went away");
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingObserver _observer = new();
    private readonly CircuitBreakerStateMachine _breaker;

    public CircuitBreakerStateMachineTests()
    {
        var options = new ResilienceOptions { FailureThreshold = 5, ResetTimeout = TimeSpan.FromSeconds(60), HalfOpenMaxAttempts = 3 };
        _breaker = new CircuitBreakerStateMachine(options, "db:5432/agents", new SecretRedactor("hunter2"), _time, _observer);
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(_breaker.TryAdmit(out var ticket, out _));
            _breaker.OnTransientFailure(ticket, Transient);
        }
    }

    private void Succeed()
    {
        Assert.True(_breaker.TryAdmit(out var ticket, out _));
        _breaker.OnSuccess(ticket);
    }

    [Fact]
    public void Five_consecutive_transient_failures_open_it_four_do_not()
    {
        Fail(4);
        Assert.Equal(CircuitState.Closed, _breaker.State);

        Fail(1);
        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.Equal(["opened after 5"], _observer.Events);
    }

    [Fact]
    public void A_success_in_between_resets_the_count()
    {
        Fail(4);
        Succeed();
        Fail(4);

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void Outcomes_that_prove_nothing_neither_count_nor_reset()
    {
        Fail(3);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(_breaker.TryAdmit(out var ticket, out _));
            _breaker.OnNeutral(ticket);
        }

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Fail(2);
        Assert.Equal(CircuitState.Open, _breaker.State);
    }

    [Fact]
    public void While_open_calls_are_rejected_with_the_time_it_tries_again()
    {
        Fail(5);
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.False(_breaker.TryAdmit(out _, out var rejection));
        Assert.Equal(CircuitState.Open, rejection.State);
        Assert.Equal(TimeSpan.FromSeconds(45), rejection.RetryAfter);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(45), rejection.RetryAt);
        Assert.Contains("db:5432/agents", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("2026-01-01T00:01:00.000Z", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("5 consecutive transient failures", rejection.Message, StringComparison.Ordinal);
        Assert.Same(Transient, rejection.InnerException);
    }

    [Fact]
    public void After_the_break_three_trial_calls_go_through_and_a_success_closes_it()
    {
        Fail(5);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(CircuitState.HalfOpen, _breaker.State);

        var tickets = new List<BreakerTicket>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_breaker.TryAdmit(out var ticket, out _));
            tickets.Add(ticket);
        }

        Assert.False(_breaker.TryAdmit(out _, out var rejection));
        Assert.Equal(CircuitState.HalfOpen, rejection.State);

        _breaker.OnTransientFailure(tickets[0], Transient);
        _breaker.OnSuccess(tickets[1]);
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal(["opened after 5", "half-open 3", "closed"], _observer.Events);

        // The late failure of a trial admitted before the breaker closed does not count.
        _breaker.OnTransientFailure(tickets[2], Transient);
        Fail(4);
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void When_every_trial_fails_it_opens_again_for_another_break()
    {
        Fail(5);
        _time.Advance(TimeSpan.FromSeconds(61));
        Fail(2);
        Assert.Equal(CircuitState.HalfOpen, _breaker.State);

        Fail(1);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryAdmit(out _, out var rejection));
        Assert.Equal(TimeSpan.FromSeconds(60), rejection.RetryAfter);
        Assert.Contains("trial calls failed", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_neutral_trial_gives_its_slot_back()
    {
        Fail(5);
        _time.Advance(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_breaker.TryAdmit(out var ticket, out _));
            if (i == 0)
            {
                _breaker.OnNeutral(ticket);
            }
        }

        Assert.True(_breaker.TryAdmit(out _, out _));
        Assert.False(_breaker.TryAdmit(out _, out _));
    }

    [Fact]
    public void Failures_of_calls_admitted_before_it_opened_are_ignored()
    {
        Assert.True(_breaker.TryAdmit(out var early, out _));
        Fail(5);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.True(_breaker.TryAdmit(out var trial, out _));

        _breaker.OnTransientFailure(early, Transient);
        _breaker.OnTransientFailure(early, Transient);
        _breaker.OnTransientFailure(early, Transient);

        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        _breaker.OnSuccess(trial);
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void The_rejection_never_shows_the_password()
    {
        var options = new ResilienceOptions();
        var breaker = new CircuitBreakerStateMachine(options, "db:5432/agents", new SecretRedactor("hunter2"), _time, null);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(breaker.TryAdmit(out var ticket, out _));
            breaker.OnTransientFailure(ticket, new TimeoutException("login for postgres://eliza:hunter2@db failed, password hunter2"));
        }

        Assert.False(breaker.TryAdmit(out _, out var rejection));
        Assert.DoesNotContain("hunter2", rejection.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingObserver : ICircuitBreakerObserver
    {
        public List<string> Events { get; } = [];

        public void OnOpened(string server, int consecutiveFailures, DateTimeOffset retryAt, Exception lastFailure) =>
            Events.Add($"opened after {consecutiveFailures}");

        public void OnHalfOpened(string server, int trialCalls) => Events.Add($"half-open {trialCalls}");

        public void OnClosed(string server) => Events.Add("closed");
    }
}
