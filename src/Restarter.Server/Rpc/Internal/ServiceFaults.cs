using Microsoft.Extensions.Options;
using Restarter.Server.Systemd;
using Restarter.XmlRpc;
using Restarter.XmlRpc.AspNetCore;

namespace Restarter.Server.Rpc.Internal;

/// <summary>
/// The faults of the new methods for errors we expect (a bad argument, a failed D-Bus call), in the endpoint's fault
/// style, thrown as <see cref="XmlRpcFaultException"/> so that they are answered as is and not logged as crashes.
/// Python style reads as the legacy server would have answered: <c>&lt;class 'ValueError'&gt;:...</c>.
/// </summary>
internal sealed class ServiceFaults(IOptions<XmlRpcEndpointOptions> options)
{
    private bool Python => options.Value.FaultStyle == XmlRpcFaultStyle.Python;

    public XmlRpcFaultException InvalidArgument(string message) => Python
        ? new XmlRpcFaultException(XmlRpcFaultCodes.Python, $"<class 'ValueError'>:{message}")
        : new XmlRpcFaultException(XmlRpcFaultCodes.InvalidParams, "invalid params: " + message);

    public XmlRpcFaultException SystemdFailed(SystemdCallException failure) => Python
        ? new XmlRpcFaultException(XmlRpcFaultCodes.Python, $"<class 'dbus.exceptions.DBusException'>:{failure.Message}")
        : new XmlRpcFaultException(XmlRpcFaultCodes.ApplicationError, failure.Message);
}
