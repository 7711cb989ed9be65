#!/usr/bin/perl
# Drives Debian's MediaWiki::Bot (libmediawiki-bot-perl 5.007) against a wikiqueue server and prints
# what each helper returned as one JSON object, for test/clients/mediawiki-bot.test.ts to check.
# Usage: mediawiki-bot.pl HOST:PORT BOTNAME@APP BOTPASSWORD BLOCKED_USER
use strict;
use warnings;
use JSON::PP;
use MediaWiki::Bot;

my ($host, $login, $password, $blocked) = @ARGV;
my ($user) = split /@/, $login, 2;
my $bot = MediaWiki::Bot->new({
    protocol => 'http',
    host     => $host,
    path     => 'w',
    agent    => 'wikiqueue-tests MediaWiki::Bot',
});
my %out;
my $bool = sub { $_[0] ? JSON::PP::true : JSON::PP::false };
{
    # login() warns that plain HTTP sends secrets: expected on a loopback test server.
    local $SIG{__WARN__} = sub { warn @_ unless $_[0] =~ /plain HTTP/ };
    $out{login} = $bool->($bot->login({ username => $login, password => $password }));
}
$out{edit} = $bot->edit({ page => 'Perl page', text => "Created by MediaWiki::Bot.\nSecond line.", summary => 'create' });
$out{edit_again} = $bot->edit({ page => 'Perl page', text => 'Edited by MediaWiki::Bot.', summary => 'edit', minor => 0 });
$out{get_text} = $bot->get_text('Perl page');
$out{move} = $bot->move('Perl page', 'Perl page moved', 'move it', { noredirect => 0 });
$out{get_text_moved} = $bot->get_text('Perl page moved');
$out{usergroups} = [ $bot->usergroups($user) ];
$out{is_blocked} = $bool->($bot->is_blocked($blocked));
$out{is_blocked_self} = $bool->($bot->is_blocked($user));
$out{get_allusers} = [ $bot->get_allusers(50) ];
$out{count_contributions} = $bot->count_contributions($user);
$out{contributions} = [ map { { revid => $_->{revid}, title => $_->{title}, comment => $_->{comment} } } $bot->contributions($user) ];
$out{top_edits} = [ $bot->top_edits($user) ];
$out{last_active} = $bot->last_active($user);
$out{get_pages_in_category} = [ $bot->get_pages_in_category('Category:Perl fruit') ];
$out{get_pages_in_category_bare} = [ $bot->get_pages_in_category('Perl citrus') ];
$out{get_all_pages_in_category} = [ sort $bot->get_all_pages_in_category('Category:Perl fruit') ];
$out{error} = $bot->{error}{details} if $bot->{error} && $bot->{error}{code};
print JSON::PP->new->canonical->encode(\%out), "\n";
