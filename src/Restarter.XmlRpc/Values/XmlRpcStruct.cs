using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Restarter.XmlRpc;

/// <summary>
/// <c>&lt;struct&gt;</c>: named members in the order they were added (the wire order). Setting a name that is already
/// present replaces its value in place, as a Python dict does when a document repeats a member name.
/// </summary>
public sealed class XmlRpcStruct : XmlRpcValue, IReadOnlyList<KeyValuePair<string, XmlRpcValue>>
{
    // Most structs on the wire are small ({success, message}); below this many members a name is found by comparing
    // along the list, and no dictionary is built: reading the 36 KB echo document spent 16% of its time growing
    // dictionaries of six-member structs (docs/performance.md).
    private const int IndexThreshold = 8;

    private readonly List<KeyValuePair<string, XmlRpcValue>> _members = [];
    private Dictionary<string, int>? _index;

    public XmlRpcStruct()
    {
    }

    public XmlRpcStruct(IEnumerable<KeyValuePair<string, XmlRpcValue>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var (name, value) in members)
        {
            this[name] = value;
        }
    }

    public override XmlRpcValueKind Kind => XmlRpcValueKind.Struct;

    public int Count => _members.Count;

    public KeyValuePair<string, XmlRpcValue> this[int index] => _members[index];

    public XmlRpcValue this[string name]
    {
        get => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The struct has no member '{name}'.");
        set
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentNullException.ThrowIfNull(value);
            var position = IndexOf(name);
            if (position >= 0)
            {
                _members[position] = new(name, value);
                return;
            }

            _members.Add(new(name, value));
            if (_index is not null)
            {
                _index.Add(name, _members.Count - 1);
            }
            else if (_members.Count > IndexThreshold)
            {
                _index = new Dictionary<string, int>(_members.Count * 2, StringComparer.Ordinal);
                for (var i = 0; i < _members.Count; i++)
                {
                    _index.Add(_members[i].Key, i);
                }
            }
        }
    }

    /// <summary>Adds or replaces a member; returns this struct so that literals read top-down.</summary>
    public XmlRpcStruct Add(string name, XmlRpcValue value)
    {
        this[name] = value;
        return this;
    }

    public bool ContainsKey(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out XmlRpcValue value)
    {
        var position = IndexOf(name);
        if (position >= 0)
        {
            value = _members[position].Value;
            return true;
        }

        value = null;
        return false;
    }

    private int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var position) ? position : -1;
        }

        for (var i = 0; i < _members.Count; i++)
        {
            if (string.Equals(_members[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public List<KeyValuePair<string, XmlRpcValue>>.Enumerator GetEnumerator() => _members.GetEnumerator();

    IEnumerator<KeyValuePair<string, XmlRpcValue>> IEnumerable<KeyValuePair<string, XmlRpcValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Member order is part of the wire format, so it is part of equality.
    public override bool Equals(XmlRpcValue? other)
    {
        if (other is not XmlRpcStruct s || s.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < _members.Count; i++)
        {
            if (!string.Equals(_members[i].Key, s._members[i].Key, StringComparison.Ordinal) || !_members[i].Value.Equals(s._members[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _members)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _members.Select(m => $"'{m.Key}': {m.Value}")) + "}";
}
