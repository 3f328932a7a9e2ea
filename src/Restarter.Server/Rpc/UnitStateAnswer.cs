using System.Globalization;
using Restarter.Server.Systemd;
using Restarter.XmlRpc;

namespace Restarter.Server.Rpc;

/// <summary>The answer of <c>unit_state</c> and one element of <c>list_units</c>.</summary>
/// <param name="Since">When the unit last changed state, ISO 8601 in UTC (<c>2026-11-28T12:00:00Z</c>); empty when systemd does not know.</param>
/// <param name="MainPid">0 when nothing runs.</param>
public sealed record UnitStateAnswer(
    [XmlRpcMember("identifier")] string Identifier,
    [XmlRpcMember("unit")] string Unit,
    [XmlRpcMember("load_state")] string LoadState,
    [XmlRpcMember("active_state")] string ActiveState,
    [XmlRpcMember("sub_state")] string SubState,
    [XmlRpcMember("main_pid")] long MainPid,
    [XmlRpcMember("since")] string Since)
{
    public static UnitStateAnswer From(string identifier, UnitState state) => new(
        identifier,
        state.Unit,
        state.LoadState,
        state.ActiveState,
        state.SubState,
        state.MainPid,
        state.Since is { } since ? since.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture) : "");
}
