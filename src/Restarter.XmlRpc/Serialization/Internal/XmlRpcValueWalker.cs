namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Walks a value tree in document order with an explicit stack (no recursion, so any depth is safe to write), and
/// refuses a tree that contains itself, as Python's <c>Marshaller</c> refuses recursive lists and dicts.
/// </summary>
internal static class XmlRpcValueWalker
{
    // Up to this depth a container is looked for on the path by reference, one by one; deeper, in a set. The set hashes
    // by identity, and the first identity hash of each new object takes the runtime's slow path: that was 6% of the CPU
    // time of a restart_unit call on the conformance host (docs/performance.md). Real answers are rarely deeper than this.
    private const int LinearSearchDepth = 16;

    public static void Walk<TVisitor>(XmlRpcValue root, TVisitor visitor)
        where TVisitor : IXmlRpcValueVisitor
    {
        var path = new List<Frame>();
        HashSet<XmlRpcValue>? onPath = null;
        var current = root;
        while (true)
        {
            switch (current)
            {
                case XmlRpcArray array:
                    Enter(path, ref onPath, array);
                    visitor.StartArray(array);
                    path.Add(new Frame(array));
                    break;
                case XmlRpcStruct @struct:
                    Enter(path, ref onPath, @struct);
                    visitor.StartStruct(@struct);
                    path.Add(new Frame(@struct));
                    break;
                default:
                    visitor.Scalar(current);
                    break;
            }

            if (!TryAdvance(path, onPath, visitor, out current))
            {
                return;
            }
        }
    }

    private static bool TryAdvance<TVisitor>(List<Frame> path, HashSet<XmlRpcValue>? onPath, TVisitor visitor, out XmlRpcValue next)
        where TVisitor : IXmlRpcValueVisitor
    {
        while (path.Count > 0)
        {
            var frame = path[^1];
            if (frame.Array is { } array)
            {
                if (frame.Index < array.Count)
                {
                    next = array[frame.Index++];
                    return true;
                }

                visitor.EndArray();
                onPath?.Remove(array);
            }
            else
            {
                var @struct = frame.Struct!;
                if (frame.MemberOpen)
                {
                    visitor.EndMember();
                    frame.MemberOpen = false;
                }

                if (frame.Index < @struct.Count)
                {
                    var (name, value) = @struct[frame.Index++];
                    visitor.StartMember(name);
                    frame.MemberOpen = true;
                    next = value;
                    return true;
                }

                visitor.EndStruct();
                onPath?.Remove(@struct);
            }

            path.RemoveAt(path.Count - 1);
        }

        next = null!;
        return false;
    }

    private static void Enter(List<Frame> path, ref HashSet<XmlRpcValue>? onPath, XmlRpcValue container)
    {
        if (onPath is null && path.Count < LinearSearchDepth)
        {
            foreach (var frame in path)
            {
                if (ReferenceEquals(frame.Container, container))
                {
                    throw ContainsItself();
                }
            }

            return;
        }

        if (onPath is null)
        {
            // Once made, the set holds exactly the containers on the path, until the walk ends.
            onPath = new HashSet<XmlRpcValue>(ReferenceEqualityComparer.Instance);
            foreach (var frame in path)
            {
                onPath.Add(frame.Container);
            }
        }

        if (!onPath.Add(container))
        {
            throw ContainsItself();
        }
    }

    private static XmlRpcFormatException ContainsItself() =>
        new(XmlRpcFormatError.InvalidValue, "Cannot write an array or struct that contains itself.");

    private sealed class Frame
    {
        public Frame(XmlRpcArray array) => Array = array;

        public Frame(XmlRpcStruct @struct) => Struct = @struct;

        public XmlRpcArray? Array { get; }

        public XmlRpcStruct? Struct { get; }

        public XmlRpcValue Container => (XmlRpcValue?)Array ?? Struct!;

        public int Index { get; set; }

        public bool MemberOpen { get; set; }
    }
}
