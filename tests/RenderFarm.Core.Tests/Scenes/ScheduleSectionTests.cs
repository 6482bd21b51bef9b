using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Scenes;

public sealed class ScheduleSectionTests : IDisposable
{
    private const string Dataset = "dataset:\n  kind: image-folder\n  path: images\n";
    private readonly TempDirectory _dir = new();

    public ScheduleSectionTests()
    {
        Directory.CreateDirectory(_dir.File("images"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_NoSection_HasNoSchedule()
    {
        Assert.Null(Load("").Schedule);
    }

    [Fact]
    public void Load_CronAndZone_AreKeptAndFireAtLocalTime()
    {
        ScheduleSpec schedule = Load("schedule: {cron: \"0 3 * * *\", time_zone: Europe/Paris}\n").Schedule!;

        Assert.Equal(("0 3 * * *", "Europe/Paris", 4), (schedule.Cron, schedule.TimeZone, schedule.Location.Line));
        // 03:00 in Paris is 01:00 UTC in summer (CEST) and 02:00 UTC in winter (CET).
        Assert.Equal(new DateTimeOffset(2026, 7, 2, 1, 0, 0, TimeSpan.Zero), schedule.NextRun(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 2, 0, 0, TimeSpan.Zero), schedule.NextRun(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Load_NoZone_IsUtcAndSixFieldsCountSeconds()
    {
        ScheduleSpec schedule = Load("schedule:\n  cron: \"*/10 * * * * *\"\n").Schedule!;

        Assert.Equal("UTC", schedule.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero), schedule.NextRun(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("schedule:\n  cron: every night\n", "schedule.cron", "'every night' is not a cron expression")]
    [InlineData("schedule:\n  cron: \"0 25 * * *\"\n", "schedule.cron", "is not a cron expression")]
    [InlineData("schedule:\n  time_zone: UTC\n", "schedule.cron", "required")]
    [InlineData("schedule:\n  cron: \"0 3 * * *\"\n  time_zone: Mars/Olympus\n", "schedule.time_zone", "'Mars/Olympus' is not a time zone")]
    [InlineData("schedule:\n  crn: \"0 3 * * *\"\n", "schedule.crn", "did you mean 'cron'")]
    [InlineData("schedule: \"0 3 * * *\"\n", "schedule", "expected a mapping")]
    public void Load_BadValue_NamesFileLineAndKey(string section, string key, string problem)
    {
        var error = Assert.Throws<SceneException>(() => Load(section));

        Assert.Equal(key, error.Key);
        Assert.InRange(error.Line, 4, 6);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("s.yaml:", error.Message, StringComparison.Ordinal);
    }

    private Scene Load(string section) => SceneLoader.Load(_dir.Write("s.yaml", Dataset + section));
}
