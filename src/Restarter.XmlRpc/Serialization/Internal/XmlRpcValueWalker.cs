namespace Restarter.XmlRpc.Serialization.Internal;

/// <summary>
/// Walks a value tree in document order with an explicit stack (no recursion, so any depth is safe to write), and
/// refuses a tree that contains itself, as Python's <c>Marshaller</c> refuses recursive lists and dicts.
/// </summary>
internal static class XmlRpcValueWalker
{
    public static void Walk<TVisitor>(XmlRpcValue root, TVisitor visitor)
        where TVisitor : IXmlRpcValueVisitor
    {
        var path = new List<Frame>();
        var onPath = new HashSet<XmlRpcValue>(ReferenceEqualityComparer.Instance);
        var current = root;
        while (true)
        {
            switch (current)
            {
                case XmlRpcArray array:
                    Enter(onPath, array);
                    visitor.StartArray(array);
                    path.Add(new Frame(array));
                    break;
                case XmlRpcStruct @struct:
                    Enter(onPath, @struct);
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

    private static bool TryAdvance<TVisitor>(List<Frame> path, HashSet<XmlRpcValue> onPath, TVisitor visitor, out XmlRpcValue next)
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
                onPath.Remove(array);
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
                onPath.Remove(@struct);
            }

            path.RemoveAt(path.Count - 1);
        }

        next = null!;
        return false;
    }

    private static void Enter(HashSet<XmlRpcValue> onPath, XmlRpcValue container)
    {
        if (!onPath.Add(container))
        {
            throw new XmlRpcFormatException(XmlRpcFormatError.InvalidValue, "Cannot write an array or struct that contains itself.");
        }
    }

    private sealed class Frame
    {
        public Frame(XmlRpcArray array) => Array = array;

        public Frame(XmlRpcStruct @struct) => Struct = @struct;

        public XmlRpcArray? Array { get; }

        public XmlRpcStruct? Struct { get; }

        public int Index { get; set; }

        public bool MemberOpen { get; set; }
    }
}
