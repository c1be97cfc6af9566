using Adjudication.Storage.Internal;

namespace Adjudication.Storage.Tests.Scripts;

/// <summary>Redis Cluster's key slots as the outbox names them (DESIGN.md §6): the values Redis's own specification gives.</summary>
public sealed class HashSlotTests
{
    [Theory]
    [InlineData("123456789", 12739)]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{user1000}.followers", 3443)]
    [InlineData("foo{}{bar}", 8363)]
    [InlineData("foo{{bar}}zap", 4015)]
    [InlineData("foo{bar}{zap}", 5061)]
    public void Of_Key_SlotAsRedisComputesIt(string key, int slot) => Assert.Equal(slot, HashSlots.Of(key));

    [Fact]
    public void TagOf_EverySlot_HashesToThatSlot()
    {
        for (var slot = 0; slot < HashSlots.Count; slot++)
        {
            Assert.Equal(slot, HashSlots.Of("{" + HashSlots.TagOf(slot) + "}"));
        }
    }
}
