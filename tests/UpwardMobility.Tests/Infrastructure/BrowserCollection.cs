namespace UpwardMobility.Tests.Infrastructure;

/// <summary>
/// Browser tests: put <c>[Collection(BrowserCollection.Name)]</c> on the class and take a
/// <see cref="BrowserFixture"/> in its constructor. The tests of one collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
