using System.Collections;

namespace Restarter.XmlRpc;

/// <summary><c>&lt;array&gt;</c>: an ordered list of values of any types.</summary>
public sealed class XmlRpcArray : XmlRpcValue, IReadOnlyList<XmlRpcValue>
{
    private readonly List<XmlRpcValue> _items;

    public XmlRpcArray() => _items = [];

    public XmlRpcArray(IEnumerable<XmlRpcValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (var item in _items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }
    }

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Array;

    public int Count => _items.Count;

    public XmlRpcValue this[int index] => _items[index];

    public XmlRpcArray Add(XmlRpcValue item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
        return this;
    }

    public List<XmlRpcValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<XmlRpcValue> IEnumerable<XmlRpcValue>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override bool Equals(XmlRpcValue? other) => other is XmlRpcArray a && a._items.SequenceEqual(_items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
