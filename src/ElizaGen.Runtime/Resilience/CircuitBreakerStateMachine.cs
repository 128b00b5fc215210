using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ElizaGen.Runtime.Connections;

namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// A circuit breaker that opens after N CONSECUTIVE transient failures (Polly's own breaker is ratio-based over a
/// sampling window and lets a single trial call through, so it cannot express this rule). Thread-safe.
/// </summary>
/// <remarks>
/// Closed: every call goes through; a success resets the count; the Nth transient failure in a row opens.
/// Open: every call is rejected at once until the reset timeout has passed, then the breaker is half-open.
/// Half-open: up to <c>HalfOpenMaxAttempts</c> trial calls go through, the rest are rejected; a success closes;
/// when every trial has failed the breaker opens again for another reset timeout.
/// Outcomes that prove nothing (non-transient errors, cancellations) leave the counts alone, and outcomes of
/// calls admitted before the last state change are ignored.
/// </remarks>
internal sealed class CircuitBreakerStateMachine
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _resetTimeout;
    private readonly int _halfOpenMaxAttempts;
    private readonly TimeProvider _time;
    private readonly string _server;
    private readonly SecretRedactor _redactor;
    private readonly ICircuitBreakerObserver? _observer;

    private CircuitState _state = CircuitState.Closed;
    private long _generation;
    private int _consecutiveFailures;
    private int _trialsAdmitted;
    private int _trialFailures;
    private DateTimeOffset _openUntil;
    private Exception? _lastFailure;
    private string _openReason = string.Empty;

    public CircuitBreakerStateMachine(ResilienceOptions options, string server, SecretRedactor redactor, TimeProvider time, ICircuitBreakerObserver? observer)
    {
        _failureThreshold = options.FailureThreshold;
        _resetTimeout = options.ResetTimeout;
        _halfOpenMaxAttempts = options.HalfOpenMaxAttempts;
        _time = time;
        _server = server;
        _redactor = redactor;
        _observer = observer;
    }

    /// <summary>The current state; an open breaker whose break is over reads as half-open.</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state == CircuitState.Open && _time.GetUtcNow() >= _openUntil ? CircuitState.HalfOpen : _state;
            }
        }
    }

    /// <summary>Lets a call through (with a ticket to report its outcome) or returns the rejection to throw.</summary>
    public bool TryAdmit(out BreakerTicket ticket, [NotNullWhen(false)] out DatabaseUnavailableException? rejection)
    {
        bool halfOpened = false;
        lock (_gate)
        {
            if (_state == CircuitState.Open)
            {
                var now = _time.GetUtcNow();
                if (now < _openUntil)
                {
                    ticket = default;
                    rejection = RejectWhileOpen(now);
                    return false;
                }

                Transition(CircuitState.HalfOpen);
                _trialsAdmitted = 0;
                _trialFailures = 0;
                halfOpened = true;
            }

            if (_state == CircuitState.HalfOpen)
            {
                if (_trialsAdmitted >= _halfOpenMaxAttempts)
                {
                    ticket = default;
                    rejection = RejectWhileTrialsRun(_time.GetUtcNow());
                    return false;
                }

                _trialsAdmitted++;
            }

            ticket = new BreakerTicket(_generation);
            rejection = null;
        }

        if (halfOpened)
        {
            _observer?.OnHalfOpened(_server, _halfOpenMaxAttempts);
        }

        return true;
    }

    /// <summary>The call succeeded: resets the count, or closes a half-open breaker.</summary>
    public void OnSuccess(BreakerTicket ticket)
    {
        bool closed = false;
        lock (_gate)
        {
            if (ticket.Generation != _generation)
            {
                return;
            }

            _consecutiveFailures = 0;
            if (_state == CircuitState.HalfOpen)
            {
                Transition(CircuitState.Closed);
                _lastFailure = null;
                closed = true;
            }
        }

        if (closed)
        {
            _observer?.OnClosed(_server);
        }
    }

    /// <summary>The call failed transiently: counts toward opening, or toward re-opening a half-open breaker.</summary>
    public void OnTransientFailure(BreakerTicket ticket, Exception failure)
    {
        int failures;
        DateTimeOffset openUntil;
        lock (_gate)
        {
            if (ticket.Generation != _generation)
            {
                return;
            }

            _lastFailure = failure;
            if (_state == CircuitState.Closed)
            {
                if (++_consecutiveFailures < _failureThreshold)
                {
                    return;
                }

                failures = _consecutiveFailures;
                _openReason = $"opened after {failures} consecutive transient failures";
            }
            else if (_state == CircuitState.HalfOpen)
            {
                if (++_trialFailures < _halfOpenMaxAttempts)
                {
                    return;
                }

                failures = _trialFailures;
                _openReason = $"opened again after its {failures} trial calls failed";
            }
            else
            {
                return;
            }

            openUntil = Open();
        }

        _observer?.OnOpened(_server, failures, openUntil, failure);
    }

    /// <summary>
    /// The outcome says nothing about the server's health (a non-transient error, a cancellation): no count
    /// changes, and a half-open trial slot is given back.
    /// </summary>
    public void OnNeutral(BreakerTicket ticket)
    {
        lock (_gate)
        {
            if (ticket.Generation == _generation && _state == CircuitState.HalfOpen && _trialsAdmitted > 0)
            {
                _trialsAdmitted--;
            }
        }
    }

    private DateTimeOffset Open()
    {
        Transition(CircuitState.Open);
        _consecutiveFailures = 0;
        _openUntil = _time.GetUtcNow() + _resetTimeout;
        return _openUntil;
    }

    private void Transition(CircuitState state)
    {
        _state = state;
        _generation++;
    }

    private DatabaseUnavailableException RejectWhileOpen(DateTimeOffset now)
    {
        var retryAfter = _openUntil - now;
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "The database {0} is unavailable: its circuit breaker {1}{2}. " +
            "Calls fail at once until {3:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} (in {4:0.###} s); then up to {5} trial calls are let through. " +
            "Check that the server is running and reachable.",
            _server, _openReason, DescribeLastFailure(), _openUntil.UtcDateTime, retryAfter.TotalSeconds, _halfOpenMaxAttempts);
        return new DatabaseUnavailableException(message, _server, CircuitState.Open, _openUntil, retryAfter, _lastFailure);
    }

    private DatabaseUnavailableException RejectWhileTrialsRun(DateTimeOffset now)
    {
        var message = string.Format(
            CultureInfo.InvariantCulture,
            "The database {0} is recovering: its circuit breaker is half-open and its {1} trial calls are still running{2}. " +
            "Try again in a moment; a successful trial closes the breaker.",
            _server, _halfOpenMaxAttempts, DescribeLastFailure());
        return new DatabaseUnavailableException(message, _server, CircuitState.HalfOpen, now, TimeSpan.Zero, _lastFailure);
    }

    private string DescribeLastFailure() =>
        _lastFailure is null ? string.Empty : " (last: " + _redactor.Describe(_lastFailure) + ")";
}

/// <summary>Identifies the breaker state a call was admitted in, so late outcomes of an old state are ignored.</summary>
internal readonly record struct BreakerTicket(long Generation);

/// <summary>Receives the breaker's state changes (for logging); called outside the breaker's lock.</summary>
internal interface ICircuitBreakerObserver
{
    void OnOpened(string server, int consecutiveFailures, DateTimeOffset retryAt, Exception lastFailure);

    void OnHalfOpened(string server, int trialCalls);

    void OnClosed(string server);
}
