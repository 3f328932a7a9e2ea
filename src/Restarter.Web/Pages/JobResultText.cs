namespace Restarter.Web.Pages;

/// <summary>Plain words for systemd's JobRemoved result and the server's own <c>wait-timeout</c>.</summary>
public static class JobResultText
{
    public static string Describe(string result) => result switch
    {
        "done" => "systemd finished the restart job successfully.",
        "failed" => "the job failed: the service did not start again (see its journal).",
        "timeout" => "systemd's job timed out.",
        "canceled" => "the job was canceled, usually by a newer job for the same unit.",
        "dependency" => "a unit this service depends on failed.",
        "skipped" => "systemd skipped the job.",
        "wait-timeout" => "the server stopped waiting; the job may still be running.",
        _ => "reported by systemd.",
    };
}
