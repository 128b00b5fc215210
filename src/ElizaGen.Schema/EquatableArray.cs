using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace ElizaGen.Schema;

/// <summary>
/// An immutable array with value equality, so that records holding collections compare by content
/// (snapshots, generator specs). <c>default</c> is the empty array.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    private EquatableArray(T[] items, bool _) => _items = items;

    /// <summary>The empty array.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>Wraps an array the caller promises never to change again (no copy).</summary>
    public static EquatableArray<T> FromOwned(T[] items) => new(items, true);

    /// <summary>The number of items.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>True when there are no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? Array.Empty<T>();
        var b = other._items ?? Array.Empty<T>();
        if (a.Length != b.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = 17;
            if (_items is null) return hash;
            var comparer = EqualityComparer<T>.Default;
            foreach (var item in _items) hash = (hash * 31) + (item is null ? 0 : comparer.GetHashCode(item));
            return hash;
        }
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Wraps a copy of an array.</summary>
    public static implicit operator EquatableArray<T>(T[] items) => new(items);

    /// <summary>The items as a new array.</summary>
    public T[] ToArray() => (_items ?? Array.Empty<T>()).ToArray();

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", this.Select(i => i?.ToString())) + "]";
}

/// <summary>Factory helpers for <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(params T[] items) => new(items);

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);
}
