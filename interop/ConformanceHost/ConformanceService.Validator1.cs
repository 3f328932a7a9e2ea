using Restarter.XmlRpc;

namespace ConformanceHost;

/// <summary>The eight methods of the UserLand XML-RPC validator (validator1).</summary>
public sealed partial class ConformanceService
{
    /// <summary>Sums the 'curly' member of every struct in the array.</summary>
    [XmlRpcMethod("validator1.arrayOfStructsTest")]
    public int ArrayOfStructsTest(List<Stooges> array) => array.Sum(s => s.curly);

    /// <summary>Counts the characters XML escapes: &lt; &gt; &amp; ' and ".</summary>
    [XmlRpcMethod("validator1.countTheEntities")]
    public EntityCounts CountTheEntities(string text) => new(
        text.Count(c => c == '<'),
        text.Count(c => c == '>'),
        text.Count(c => c == '&'),
        text.Count(c => c == '\''),
        text.Count(c => c == '"'));

    /// <summary>Sums moe, larry and curly.</summary>
    [XmlRpcMethod("validator1.easyStructTest")]
    public int EasyStructTest(Stooges stooges) => stooges.moe + stooges.larry + stooges.curly;

    /// <summary>Returns the struct it was given.</summary>
    [XmlRpcMethod("validator1.echoStructTest")]
    public XmlRpcStruct EchoStructTest(XmlRpcStruct value) => value;

    /// <summary>Returns its six arguments (int, boolean, string, double, dateTime, base64) as an array.</summary>
    [XmlRpcMethod("validator1.manyTypesTest")]
    public XmlRpcArray ManyTypesTest(int number, bool boolean, string text, double real, DateTime when, byte[] data) =>
        new XmlRpcArray().Add(number).Add(boolean).Add(text).Add(real).Add(when).Add(data);

    /// <summary>Concatenates the first and the last string of the array.</summary>
    [XmlRpcMethod("validator1.moderateSizeArrayCheck")]
    public string ModerateSizeArrayCheck(List<string> array) =>
        array.Count == 0 ? throw new ArgumentException("the array is empty") : array[0] + array[^1];

    /// <summary>Sums moe, larry and curly of the struct at ["2000"]["04"]["01"].</summary>
    [XmlRpcMethod("validator1.nestedStructTest")]
    public int NestedStructTest(Dictionary<string, Dictionary<string, Dictionary<string, Stooges>>> calendar) =>
        calendar.TryGetValue("2000", out var year) && year.TryGetValue("04", out var month) && month.TryGetValue("01", out var day)
            ? day.moe + day.larry + day.curly
            : throw new KeyNotFoundException("'2000'/'04'/'01'");

    /// <summary>Returns the number times 10, 100 and 1000.</summary>
    [XmlRpcMethod("validator1.simpleStructReturnTest")]
    public Multiples SimpleStructReturnTest(int number) => new(number * 10, number * 100, number * 1000);
}

/// <summary>A struct with (at least) moe, larry and curly.</summary>
public sealed record Stooges(int moe, int larry, int curly);

/// <summary>The answer of validator1.countTheEntities.</summary>
public sealed record EntityCounts(int ctLeftAngleBrackets, int ctRightAngleBrackets, int ctAmpersands, int ctApostrophes, int ctQuotes);

/// <summary>The answer of validator1.simpleStructReturnTest.</summary>
public sealed record Multiples(int times10, int times100, int times1000);
