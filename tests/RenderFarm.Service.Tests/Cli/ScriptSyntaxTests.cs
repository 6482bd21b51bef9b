using System.Diagnostics;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

public sealed class ScriptSyntaxTests
{
    [Theory]
    [InlineData("renderfarm")]
    [InlineData(".ci/setup")]
    [InlineData(".ci/test")]
    [InlineData(".ci/run")]
    public void Script_BashSyntaxCheck_Passes(string script)
    {
        string path = Path.Combine(RepositoryRoot.Path, script);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(path);

        using Process bash = Process.Start(start)!;
        string errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, $"bash -n {script}: {errors}");
    }

    [Theory]
    [InlineData("renderfarm")]
    [InlineData(".ci/setup")]
    [InlineData(".ci/test")]
    [InlineData(".ci/run")]
    public void Script_FileMode_IsExecutable(string script)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The scripts and their file modes are for Linux.");
        }

        UnixFileMode mode = File.GetUnixFileMode(Path.Combine(RepositoryRoot.Path, script));

        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{script} is not executable (chmod +x and commit the mode)");
    }
}
