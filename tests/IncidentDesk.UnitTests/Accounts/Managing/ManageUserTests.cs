using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Accounts.ChangingPassword;
using IncidentDesk.Api.Accounts.Managing;
using IncidentDesk.Api.Common;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Accounts.Managing;

public sealed class ManageUserTests
{
    private static readonly Guid AnAdmin = Owner;
    private static readonly Guid OtherAdmin = OtherOwner;

    private static readonly User Hanako = User.Evolve(null,
        new UserRegistered(Reporter, "hanako@example.test", "Hanako", ["Reporter"], AnAdmin, T(0)));

    private static readonly User Admin = User.Evolve(null,
        new UserRegistered(AnAdmin, "admin@example.test", "Admin", ["Admin"], AnAdmin, T(0)));

    private static AdminRoster Admins(params Guid[] ids) => new(ids.ToHashSet());

    private static AccountEdit Edit(string name, string[] roles, string language = "ja") =>
        ManageUserHandler.Validate(new EditUserRequest(name, roles, language));

    [Fact]
    public void An_edit_records_only_what_changed_each_as_its_own_event_by_the_admin()
    {
        Assert.Equal([new UserRenamed(Reporter, "Hanako Sato", AnAdmin, Now)],
            ManageUserHandler.Decide(Hanako, Edit("Hanako Sato", ["Reporter"]), Admins(AnAdmin), AnAdmin, Now));
        var events = ManageUserHandler.Decide(Hanako, Edit("Hanako", ["Responder", "Reporter", "Responder"], "en"), Admins(AnAdmin), AnAdmin, Now);
        Assert.Equal(2, events.Count);
        var roles = Assert.IsType<UserRolesChanged>(events[0]);
        Assert.Equal((Reporter, AnAdmin, Now), (roles.UserId, roles.Actor, roles.At));
        Assert.Equal(["Reporter", "Responder"], roles.Roles);
        Assert.Equal(new UserLanguageChanged(Reporter, "en", AnAdmin, Now), events[1]);
        Assert.Empty(ManageUserHandler.Decide(Hanako, Edit(" Hanako ", ["Reporter"]), Admins(AnAdmin), AnAdmin, Now));
    }

    [Fact]
    public void The_last_enabled_admin_keeps_the_Admin_role_but_one_of_two_admins_may_lose_it()
    {
        var refused = Assert.Throws<RuleViolated>(() =>
            ManageUserHandler.Decide(Admin, Edit("Admin", ["Responder"]), Admins(AnAdmin), AnAdmin, Now));
        Assert.Equal("last_admin", refused.Rules.Single().Code);

        var demoted = Assert.IsType<UserRolesChanged>(Assert.Single(
            ManageUserHandler.Decide(Admin, Edit("Admin", ["Responder"]), Admins(AnAdmin, OtherAdmin), OtherAdmin, Now)));
        Assert.Equal(["Responder"], demoted.Roles);
        Assert.Equal(OtherAdmin, demoted.Actor);
    }

    [Fact]
    public void An_admin_cannot_disable_themselves_nor_the_last_admin_and_disabling_twice_records_nothing()
    {
        Assert.Equal("disable_self",
            Assert.Throws<RuleViolated>(() => ManageUserHandler.DecideDisable(Admin, Admins(AnAdmin, OtherAdmin), AnAdmin, Now)).Rules.Single().Code);
        Assert.Equal("last_admin",
            Assert.Throws<RuleViolated>(() => ManageUserHandler.DecideDisable(Admin, Admins(AnAdmin), OtherAdmin, Now)).Rules.Single().Code);

        var disabled = ManageUserHandler.DecideDisable(Hanako, Admins(AnAdmin), AnAdmin, Now);
        Assert.Equal([new UserDisabled(Reporter, AnAdmin, Now)], disabled);
        var after = User.Evolve(Hanako, disabled.Single());
        Assert.True(after.Disabled);
        Assert.Equal(Hanako.SessionEpoch + 1, after.SessionEpoch);
        Assert.Empty(ManageUserHandler.DecideDisable(after, Admins(AnAdmin), AnAdmin, Now));

        Assert.Equal([new UserEnabled(Reporter, AnAdmin, Now)], ManageUserHandler.DecideEnable(after, AnAdmin, Now));
        Assert.Empty(ManageUserHandler.DecideEnable(Hanako, AnAdmin, Now));
    }

    [Fact]
    public void An_edit_names_each_bad_field()
    {
        Validation.Fails(() => ManageUserHandler.Validate(new EditUserRequest(null, null, null)), "displayName", "roles", "language");
        Validation.Fails(() => ManageUserHandler.Validate(new EditUserRequest("a\u0007b", ["Reporter"], "ja")), "displayName");
        Validation.Fails(() => ManageUserHandler.Validate(new EditUserRequest("ok", ["Reporter", null!], "ja")), "roles.1");
        Validation.Fails(() => ManageUserHandler.Validate(new EditUserRequest("ok", ["Owner"], "ja")), "roles");
        Validation.Fails(() => ManageUserHandler.Validate(new EditUserRequest(new string('x', 101), ["Reporter"], "EN")), "displayName", "language");
        Validation.Fails(() => ManageUserHandler.Validate(null), "body");
    }

    [Fact]
    public void A_password_change_is_an_event_without_the_password_that_starts_a_new_session_epoch()
    {
        var events = ChangePasswordHandler.Decide(Hanako, Reporter, Now);
        Assert.Equal([new UserPasswordChanged(Reporter, Reporter, Now)], events);
        Assert.Equal(1, User.Evolve(Hanako, events.Single()).SessionEpoch);
        Assert.Throws<RuleViolated>(() => ChangePasswordHandler.Decide(Hanako with { Disabled = true }, Reporter, Now));
    }

    [Fact]
    public void A_new_password_must_be_long_enough_and_differ_from_the_current_one()
    {
        Validation.Fails(() => ChangePasswordHandler.Validate(new ChangePasswordRequest(null, null)), "currentPassword", "newPassword");
        Validation.Fails(() => ChangePasswordHandler.Validate(new ChangePasswordRequest("old password 1", "short")), "newPassword");
        Validation.Fails(() => ChangePasswordHandler.Validate(new ChangePasswordRequest("same password 12", "same password 12")), "newPassword");
        Assert.Equal(("old password 1", "  new password 2  "),
            ChangePasswordHandler.Validate(new ChangePasswordRequest("old password 1", "  new password 2  ")));
    }
}
