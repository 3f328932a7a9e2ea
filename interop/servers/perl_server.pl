#!/usr/bin/perl
# Perl's XMLRPC::Lite server (XMLRPC::Transport::HTTP::Daemon) for interop/run.sh: our XmlRpcClient calls it.
# Methods: echo(x), restart_unit(id) (the legacy validation; valid ids answer {true, 'success'}), fault().
# Listens on 127.0.0.1 on a free port and prints "PORT <n>".
use strict;
use warnings;
use XMLRPC::Transport::HTTP;

sub echo { my ($class, @args) = @_; die "echo takes exactly one argument\n" unless @args == 1; return $args[0]; }

sub restart_unit {
    my ($class, @args) = @_;
    die "restart_unit takes exactly one argument\n" unless @args == 1;
    my $valid = defined $args[0] && !ref $args[0] && $args[0] =~ /^[0-9]{4}\z/;
    return { success => XMLRPC::Data->type(boolean => $valid ? 1 : 0),
             message => XMLRPC::Data->type(string => $valid ? 'success' : 'invalid identifier') };
}

sub fault { die SOAP::Fault->faultcode(42)->faultstring('deliberate fault from perl XMLRPC::Lite'); }

$| = 1;
my $daemon = XMLRPC::Transport::HTTP::Daemon->new(LocalAddr => '127.0.0.1', LocalPort => 0, Reuse => 1)
    ->dispatch_to('echo', 'restart_unit', 'fault');
my ($port) = $daemon->url =~ m{:(\d+)/?$};
print "PORT $port\n";
$daemon->handle;
