#!/usr/bin/perl
# Perl's XMLRPC::Lite (Debian libxmlrpc-lite-perl) against our servers, run by interop/run.sh.
# Environment: CONFORMANCE_URL, SERVER_URL, AUTH_URL, AUTH_USER, AUTH_SECRET.
# Prints "PASS perl/<target>/<check>", "FAIL perl/<target>/<check> <detail>" and "NOTE perl <text>".
use strict;
use warnings;
use utf8;
use Encode qw(encode_utf8 decode_utf8);
use XMLRPC::Lite;

binmode STDOUT, ':encoding(UTF-8)';
my $STACK = 'perl';

sub report {
    my ($target, $name, $check) = @_;
    my $detail = eval { $check->() };
    $detail = "died: $@" if $@;
    if (defined $detail && length $detail) { $detail =~ s/\s+/ /g; print "FAIL $STACK/$target/$name $detail\n"; }
    else { print "PASS $STACK/$target/$name\n"; }
}

# Perl has no boolean, dateTime or base64 type: SOAP::Data says which XML-RPC type to send, and the answer comes
# back as plain scalars (1/0, the dateTime text, the decoded bytes). Comparison is therefore by value.
sub typed { SOAP::Data->type($_[0] => $_[1]) }

my $bytes = join '', map { chr } 0 .. 255;
my %sent = (
    int => 42, int_min => -2147483648, int_max => 2147483647,
    true => typed(boolean => 1), false => typed(boolean => 0),
    string => typed(string => 'plain'), digits => typed(string => '0042'),
    markup => typed(string => q{<a href="x">&amp;</a> ]]> 'quoted'}), unicode => typed(string => "Grüße, 東京, 🚀"),
    empty_string => typed(string => ''),
    double => 3.141592653589793, double_negative => -0.5, double_big => 1e100, double_tiny => 5e-324,
    datetime => typed(dateTime => '20261128T12:34:56'),
    base64 => typed(base64 => $bytes),
    array => [1, typed(string => 'two'), 3.5, typed(boolean => 1), [], {}],
    empty_array => [], empty_struct => {},
    nested => { a => { b => { c => [ { d => typed(string => 'deep') } ] } } },
);
my %expected = (
    int => 42, int_min => -2147483648, int_max => 2147483647, true => 1, false => 0,
    string => 'plain', digits => '0042', markup => q{<a href="x">&amp;</a> ]]> 'quoted'}, unicode => "Grüße, 東京, 🚀",
    empty_string => '', double => 3.141592653589793, double_negative => -0.5, double_big => 1e100, double_tiny => 5e-324,
    datetime => '20261128T12:34:56', base64 => $bytes,
    array => [1, 'two', 3.5, 1, [], {}], empty_array => [], empty_struct => {},
    nested => { a => { b => { c => [ { d => 'deep' } ] } } },
);

sub differs {
    my ($want, $got, $path) = @_;
    if (ref $want eq 'HASH') {
        return "$path: expected a struct, got " . (ref $got || 'a scalar') unless ref $got eq 'HASH';
        my @w = sort keys %$want; my @g = sort keys %$got;
        return "$path: members (@w) came back as (@g)" unless "@w" eq "@g";
        for my $k (@w) { my $d = differs($want->{$k}, $got->{$k}, "$path.$k"); return $d if $d; }
        return undef;
    }
    if (ref $want eq 'ARRAY') {
        return "$path: expected an array" unless ref $got eq 'ARRAY';
        return "$path: " . @$want . " items came back as " . @$got unless @$want == @$got;
        for my $i (0 .. $#$want) { my $d = differs($want->[$i], $got->[$i], "$path\[$i\]"); return $d if $d; }
        return undef;
    }
    return "$path: expected '$want', got undef" unless defined $got;
    return "$path: expected a scalar, got " . ref $got if ref $got;
    if ($want =~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/i && $want =~ /[.e]/i) {
        # Perl writes a double as its string form, 15 significant digits: what was sent is 0 + "$want".
        return (0 + "$want") == $got ? undef : "$path: $want came back as $got";
    }
    my $g = $got;
    return $want eq $g ? undef : "$path: '" . substr($want, 0, 40) . "' came back as '" . substr($g, 0, 40) . "'";
}

sub call {
    my ($url, $method, @args) = @_;
    return XMLRPC::Lite->proxy($url, timeout => 30)->call($method, @args);
}

sub answer_is {
    my ($url, $method, $args, $want) = @_;
    return sub {
        my $som = call($url, $method, @$args);
        return 'fault ' . $som->faultcode . ': ' . $som->faultstring if $som->fault;
        return differs($want, $som->result, '$');
    };
}

sub dbus_failure {
    my ($url, @args) = @_;
    return sub {
        my $som = call($url, 'restart_unit', @args);
        return 'fault ' . $som->faultstring if $som->fault;
        my $r = $som->result;
        return 'expected a struct' unless ref $r eq 'HASH';
        return "success is '$r->{success}'" unless defined $r->{success} && $r->{success} eq '0';
        return "message is not a D-Bus error: '$r->{message}'" unless $r->{message} =~ /^org\.freedesktop\.DBus\.Error\./;
        return undef;
    };
}

sub is_fault {
    my ($url, $method, @args) = @_;
    return sub {
        my $som = call($url, $method, @args);
        return 'expected a fault, got an answer' unless $som->fault;
        my $f = $som->fault;
        return "faultCode '$f->{faultCode}' is not an integer" unless defined $f->{faultCode} && $f->{faultCode} =~ /^-?\d+$/;
        return 'empty faultString' unless length($f->{faultString} // '');
        return undef;
    };
}

sub http_status {
    my ($url, $status) = @_;
    return sub {
        my $som = eval { call($url, 'restart_unit', typed(string => '12a4')) };
        return undef if !$som && $@ =~ /^$status\b/;
        return "expected HTTP $status, died with: $@" if !$som;
        return "expected HTTP $status, got an answer";
    };
}

sub with_credentials {
    my ($url, $user, $secret) = @_;
    $url =~ s{^(https?://)}{$1$user:$secret\@};
    return $url;
}

my ($conformance, $server, $auth) = @ENV{qw(CONFORMANCE_URL SERVER_URL AUTH_URL)};
my ($user, $secret) = ($ENV{AUTH_USER} // '', $ENV{AUTH_SECRET} // '');
my $invalid = { success => 0, message => 'invalid identifier' };

if ($conformance) {
    my $t = 'conformance';
    report($t, 'echo-every-type', answer_is($conformance, 'echo', [\%sent], \%expected));
    report($t, 'restart_unit-valid-string', answer_is($conformance, 'restart_unit', [typed(string => '1234')], { success => 1, message => 'success' }));
    report($t, 'restart_unit-valid-int', answer_is($conformance, 'restart_unit', [1234], { success => 1, message => 'success' }));
    report($t, 'restart_unit-invalid-string', answer_is($conformance, 'restart_unit', [typed(string => '12a4')], $invalid));
    report($t, 'restart_unit-invalid-int', answer_is($conformance, 'restart_unit', [12345], $invalid));
    report($t, 'fault-unknown-method', is_fault($conformance, 'no_such_method'));
    report($t, 'fault-wrong-arity', is_fault($conformance, 'restart_unit'));
}
if ($server) {
    my $t = 'server';
    report($t, 'restart_unit-valid-string', dbus_failure($server, typed(string => '1234')));
    report($t, 'restart_unit-valid-int', dbus_failure($server, 1234));
    report($t, 'restart_unit-invalid-string', answer_is($server, 'restart_unit', [typed(string => '12a4')], $invalid));
    report($t, 'restart_unit-invalid-int', answer_is($server, 'restart_unit', [12], $invalid));
    report($t, 'fault-unknown-method', is_fault($server, 'no_such_method'));
}
if ($auth) {
    my $t = 'auth';
    report($t, 'basic-auth-accepted', answer_is(with_credentials($auth, $user, $secret), 'restart_unit', [typed(string => '12a4')], $invalid));
    report($t, 'no-credentials-401', http_status($auth, 401));
    report($t, 'wrong-secret-401', http_status(with_credentials($auth, $user, $secret . 'x'), 401));
}
print "NOTE perl XMLRPC::Lite has no boolean, dateTime or base64 type: they are sent via SOAP::Data and read back as 1/0, the dateTime text and bytes; an untyped Perl scalar that looks like a number is sent as <int>; doubles are written with 15 significant digits; <i8> is not understood (theirs)\n";
