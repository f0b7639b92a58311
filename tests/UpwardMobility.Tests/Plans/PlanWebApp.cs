using UpwardMobility.Tests.Infrastructure;

namespace UpwardMobility.Tests.Plans;

/// <summary>The app with the demo data on SQLite, for the plan pages' HTTP tests; each test uses its own county.</summary>
public sealed class PlanWebApp() : TestHost(new() { DemoData = true });
