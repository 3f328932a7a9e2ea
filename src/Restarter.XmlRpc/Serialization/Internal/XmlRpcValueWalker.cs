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

    /// <remarks>
    /// <typeparamref name="TVisitor"/> is a struct in both uses, so that this is compiled for each and calls it
    /// directly: shared generic code over a class visitor was a fifth of writing the echo answer under NativeAOT.
    /// </remarks>
    public static void Walk<TVisitor>(XmlRpcValue root, TVisitor visitor)
        where TVisitor : struct, IXmlRpcValueVisitor
    {
        var path = new Path();
        var current = root;
        while (true)
        {
            switch (current)
            {
                case XmlRpcArray array:
                    path.Enter(array);
                    visitor.StartArray(array);
                    path.Push(new Frame(array, null));
                    break;
                case XmlRpcStruct @struct:
                    path.Enter(@struct);
                    visitor.StartStruct(@struct);
                    path.Push(new Frame(null, @struct));
                    break;
                default:
                    visitor.Scalar(current);
                    break;
            }

            if (!TryAdvance(ref path, visitor, out current))
            {
                return;
            }
        }
    }

    private static bool TryAdvance<TVisitor>(ref Path path, TVisitor visitor, out XmlRpcValue next)
        where TVisitor : struct, IXmlRpcValueVisitor
    {
        while (path.Count > 0)
        {
            ref var frame = ref path.Top;
            if (frame.Array is { } array)
            {
                if (frame.Index < array.Count)
                {
                    next = array[frame.Index++];
                    return true;
                }

                visitor.EndArray();
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
            }

            path.Pop();
        }

        next = null!;
        return false;
    }

    private static XmlRpcFormatException ContainsItself() =>
        new(XmlRpcFormatError.InvalidValue, "Cannot write an array or struct that contains itself.");

    /// <summary>An array or struct being written, and how far.</summary>
    private struct Frame(XmlRpcArray? array, XmlRpcStruct? @struct)
    {
        public readonly XmlRpcArray? Array = array;
        public readonly XmlRpcStruct? Struct = @struct;
        public int Index;
        public bool MemberOpen;

        public readonly XmlRpcValue Container => (XmlRpcValue?)Array ?? Struct!;
    }

    /// <summary>The containers from the root to the one being written, and the check that none is entered twice.</summary>
    private struct Path
    {
        private Frame[]? _frames;
        private HashSet<XmlRpcValue>? _onPath;

        public int Count { get; private set; }

        public readonly ref Frame Top => ref _frames![Count - 1];

        public void Enter(XmlRpcValue container)
        {
            if (_onPath is null && Count < LinearSearchDepth)
            {
                for (var i = 0; i < Count; i++)
                {
                    if (ReferenceEquals(_frames![i].Container, container))
                    {
                        throw ContainsItself();
                    }
                }

                return;
            }

            if (_onPath is null)
            {
                // Once made, the set holds exactly the containers on the path, until the walk ends.
                _onPath = new HashSet<XmlRpcValue>(ReferenceEqualityComparer.Instance);
                for (var i = 0; i < Count; i++)
                {
                    _onPath.Add(_frames![i].Container);
                }
            }

            if (!_onPath.Add(container))
            {
                throw ContainsItself();
            }
        }

        public void Push(Frame frame)
        {
            // Allocated on the first container: a scalar answer needs none.
            _frames ??= new Frame[4];
            if (Count == _frames.Length)
            {
                System.Array.Resize(ref _frames, Count * 2);
            }

            _frames[Count++] = frame;
        }

        public void Pop()
        {
            _onPath?.Remove(_frames![Count - 1].Container);
            _frames![--Count] = default;
        }
    }
}
