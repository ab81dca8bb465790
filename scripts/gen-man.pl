#!/usr/bin/env perl
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Section-3 manual pages from the kernel-doc comments of the public headers,
# so that the pages say what the headers say.  Run by 'make' (man/local.mk)
# whenever a header changes; written in Perl because every system that runs
# autotools has it.
#
#   gen-man.pl --outdir DIR [--version V] [--umbrella H] HEADER...
#
# One page per header, scxcmask_<header>(3) (the umbrella header gives
# libscxcmask(3)), plus a one-line ".so" page for every documented function,
# macro and struct so that "man scx_cmask_and" finds its group.  DIR/pages
# lists every file written.  Warnings (an SCXCMASK_API function without a
# kernel-doc comment, a comment naming a function the header does not
# declare) go to stderr; --strict turns them into a failure.
use strict;
use warnings;
use File::Basename qw(basename);
use Getopt::Long qw(GetOptions);

my ($outdir, $version, $umbrella, $strict) = (undef, '', 'scxcmask.h', 0);
GetOptions('outdir=s' => \$outdir, 'version=s' => \$version,
	   'umbrella=s' => \$umbrella, 'strict' => \$strict)
	and defined $outdir and @ARGV
	or die "usage: $0 --outdir DIR [--version V] [--umbrella H] [--strict] HEADER...\n";

my $warnings = 0;
sub warn_doc { print STDERR "gen-man: warning: @_\n"; $warnings++; }

# ---------------------------------------------------------------- roff text

# Escape a line of plain text for roff and mark up kernel-doc references:
# @param in italics, func() in bold.
sub roff_text {
	my ($s) = @_;
	$s =~ s/\\/\\e/g;
	$s =~ s/-/\\-/g;
	$s =~ s/\@(\w+)/\\fI$1\\fP/g;
	$s =~ s/\b([A-Za-z_]\w*)\(\)/\\fB$1\\fP()/g;
	$s =~ s/^([.'])/\\&$1/;
	return $s;
}

# Code is shown as written: only backslashes and leading dots need care.
sub roff_code {
	my ($s) = @_;
	$s =~ s/\\/\\e/g;
	$s =~ s/-/\\-/g;
	$s =~ s/^([.'])/\\&$1/;
	$s =~ s/^\s+$//;
	return $s;
}

# ---------------------------------------------------------------- parsing

# Strip a comment's " * " prefixes; keep a leading tab (code, continuation).
sub comment_lines {
	my ($text) = @_;
	my @out;
	for my $l (split /\n/, $text) {
		$l =~ s{^\s*/\*\*?\s?}{};
		$l =~ s{\s*\*/\s*$}{};
		$l =~ s/^\s*\* ?//;
		$l =~ s/\s+$//;
		push @out, $l;
	}
	shift @out while @out && $out[0] eq '';
	pop @out while @out && $out[-1] eq '';
	return @out;
}

# The declaration that follows a kernel-doc comment: a #define's first line,
# or C text up to the ';' that ends it at brace depth 0.
sub next_declaration {
	my ($rest) = @_;
	$rest =~ s/^\s+//;
	if ($rest =~ /^#\s*define\s+(\w+(?:\([^)]*\))?)/) {
		return "#define $1";
	}
	my ($depth, $decl) = (0, '');
	for my $c (split //, $rest) {
		$decl .= $c;
		$depth++ if $c eq '{';
		$depth-- if $c eq '}';
		last if $c eq ';' && $depth == 0;
		last if length($decl) > 4000;
	}
	return tidy_declaration($decl);
}

sub tidy_declaration {
	my ($d) = @_;
	$d =~ s{/\*.*?\*/}{}gs;
	$d =~ s/\bSCXCMASK_API\s+//g;
	$d =~ s/\s*__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)//g;
	if ($d =~ /\{/) {		# struct/enum/union: keep its lines
		my @l = map { s/\s+$//r } split /\n/, $d;
		return join "\n", grep { /\S/ } @l;
	}
	$d =~ s/\s+/ /g;
	$d =~ s/\( /(/g;
	$d =~ s/ \)/)/g;
	$d =~ s/^\s+|\s+$//g;
	return $d;
}

# Parse one header: its overview comment and every kernel-doc item.
sub parse_header {
	my ($path) = @_;
	open my $fh, '<', $path or die "gen-man: $path: $!\n";
	my $src = do { local $/; <$fh> };
	close $fh;

	my %h = (path => $path, base => basename($path, '.h'), items => [], api => {});
	# The overview is the first plain comment after the SPDX line.
	if ($src =~ m{\A\s*/\*\s*SPDX[^\n]*\*/\s*(/\*(?!\*).*?\*/)}s) {
		$h{overview} = [comment_lines($1)];
	} else {
		$h{overview} = [];
		warn_doc("$path: no overview comment after the SPDX line");
	}
	while ($src =~ m{(/\*\*(?![*/]).*?\*/)}gs) {
		my $comment = $1;
		my $rest = substr($src, pos($src), 4096);
		my $item = parse_item([comment_lines($comment)], $path);
		next unless $item;
		$item->{decl} = next_declaration($rest);
		push @{$h{items}}, $item;
	}
	# What the header exports, to find undocumented functions.
	(my $flat = $src) =~ s{/\*.*?\*/}{}gs;
	for my $stmt (split /;/, $flat) {
		next unless $stmt =~ /\bSCXCMASK_API\b/;
		$h{api}{$1} = 1 if $stmt =~ /([A-Za-z_]\w*)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$/s;
	}
	return \%h;
}

# A kernel-doc comment: "name() - summary" or "struct name - summary",
# then @member lines, then paragraphs (a "Return:" paragraph among them).
sub parse_item {
	my ($lines, $path) = @_;
	my @l = @$lines;
	return undef unless @l;
	my $head = shift @l;
	my ($kind, $name, $summary);
	if ($head =~ /^(struct|enum|union)\s+(\w+)\s*(?:-\s*(.*))?$/) {
		($kind, $name, $summary) = ($1, $2, $3 // '');
	} elsif ($head =~ /^(\w+)\s*\(\)\s*(?:-\s*(.*))?$/) {
		($kind, $name, $summary) = ('function', $1, $2 // '');
	} elsif ($head =~ /^DOC:\s*(.*)$/) {
		($kind, $name, $summary) = ('doc', $1, '');
	} else {
		warn_doc("$path: kernel-doc comment not understood: '$head'");
		return undef;
	}
	# The summary may continue on the next lines, up to a blank or @ line.
	while (@l && $l[0] ne '' && $l[0] !~ /^\@\w+\s*:/) {
		(my $more = shift @l) =~ s/^\s+//;
		$summary .= " $more";
	}
	my (@params, @paras);
	while (@l) {
		my $line = shift @l;
		if ($line =~ /^\@(\w+|\.\.\.)\s*:\s*(.*)$/) {
			push @params, [$1, $2];
		} elsif (@params && !@paras && $line =~ /^\s+\S/ && $line !~ /^\t\t/) {
			(my $more = $line) =~ s/^\s+//;
			$params[-1][1] .= " $more";
		} else {
			unshift @l, $line;
			last;
		}
	}
	@paras = split_paragraphs(@l);
	return { kind => $kind, name => $name, summary => $summary,
		 params => \@params, paras => \@paras };
}

# Paragraphs: ['text', line...], ['code', line...] or ['list', item...].
sub split_paragraphs {
	my @paras;
	my $cur;
	for my $line (@_) {
		if ($line eq '') {
			undef $cur;
		} elsif ($line =~ /^\t/) {
			$cur = ['code'], push @paras, $cur unless $cur && $cur->[0] eq 'code';
			(my $code = $line) =~ s/^\t//;
			push @$cur, $code;
		} elsif ($line =~ /^- (.*)$/) {
			$cur = ['list'], push @paras, $cur unless $cur && $cur->[0] eq 'list';
			push @$cur, $1;
		} elsif ($cur && $cur->[0] eq 'list' && $line =~ /^\s+(\S.*)$/) {
			$cur->[-1] .= " $1";
		} else {
			$cur = ['text'], push @paras, $cur unless $cur && $cur->[0] eq 'text';
			(my $t = $line) =~ s/^\s+//;
			push @$cur, $t;
		}
	}
	return @paras;
}

# ---------------------------------------------------------------- writing

sub page_name {
	my ($h) = @_;
	return 'libscxcmask' if basename($h->{path}) eq $umbrella;
	return "scxcmask_$h->{base}";
}

# One-line description of a page: the overview's first sentence.
sub page_summary {
	my ($h) = @_;
	my @first;
	for my $l (@{$h->{overview}}) {
		last if $l eq '';
		push @first, $l =~ s/^\s+//r;
	}
	my $s = join ' ', @first;
	$s =~ s/^(.*?\.)(\s.*)?$/$1/;
	$s =~ s/\.$//;
	$s =~ s/:$//;
	$s =~ s/^libscxcmask:\s*//;
	return $s eq '' ? "libscxcmask interface in <scxcmask/$h->{base}.h>" : $s;
}

sub emit_paras {
	my ($out, @paras) = @_;
	for my $p (@paras) {
		my ($kind, @lines) = @$p;
		if ($kind eq 'code') {
			print $out ".PP\n.in +4n\n.EX\n";
			print $out roff_code($_), "\n" for @lines;
			print $out ".EE\n.in\n";
		} elsif ($kind eq 'list') {
			print $out ".IP \\(bu 2\n", roff_text($_), "\n" for @lines;
			print $out ".PP\n";
		} else {
			my $text = join ' ', @lines;
			if ($text =~ s/^Return:\s*//) {
				print $out ".PP\n.B Return:\n", roff_text($text), "\n";
			} else {
				print $out ".PP\n", roff_text($text), "\n";
			}
		}
	}
}

sub item_title {
	my ($it) = @_;
	return $it->{kind} eq 'function' ? "$it->{name}()" :
	       $it->{kind} eq 'doc' ? $it->{name} : "$it->{kind} $it->{name}";
}

sub write_group_page {
	my ($h, $all) = @_;
	my $page = page_name($h);
	my $inc = "scxcmask/$h->{base}.h";
	my @names = map { $_->{name} } grep { $_->{kind} ne 'doc' } @{$h->{items}};
	my $file = "$outdir/$page.3";
	open my $out, '>', $file or die "gen-man: $file: $!\n";
	print $out ".\\\" SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause\n";
	print $out ".\\\" Generated by scripts/gen-man.pl from <$inc>: edit the header, not this page.\n";
	printf $out ".TH %s 3 \"\" \"libscxcmask %s\" \"libscxcmask Manual\"\n", uc($page) =~ s/-/\\-/gr, $version;
	print $out ".SH NAME\n", join(', ', $page, grep { $_ ne $page } @names),
		" \\- ", roff_text(page_summary($h)), "\n";
	print $out ".nh\n.ad l\n";
	print $out ".SH LIBRARY\nlibscxcmask (\\fI\\-lscxcmask\\fP; flags from \\fIpkg\\-config scxcmask\\fP)\n";
	print $out ".SH SYNOPSIS\n.nf\n.B #include <$inc>\n";
	for my $it (@{$h->{items}}) {
		next if $it->{kind} eq 'doc' || $it->{decl} eq '';
		print $out ".PP\n";
		print $out roff_code($_), "\n" for split /\n/, $it->{decl};
	}
	print $out ".fi\n";
	print $out ".SH DESCRIPTION\n";
	emit_paras($out, split_paragraphs(@{$h->{overview}}));
	for my $it (@{$h->{items}}) {
		print $out ".SS ", roff_text(item_title($it)), "\n";
		print $out ".PP\n", roff_text(ucfirst_summary($it->{summary})), "\n" if $it->{summary} ne '';
		for my $p (@{$it->{params}}) {
			print $out ".TP\n.I ", ($p->[0] =~ s/\./\\&./r), "\n", roff_text($p->[1]), "\n";
		}
		emit_paras($out, @{$it->{paras}});
	}
	if ($page eq 'libscxcmask') {
		print $out ".SH BPF PROGRAMS\n.PP\n",
			"BPF programs include\n.B <scxcmask/cmask.bpf.h>\n",
			"and compile with\n.BR \"clang \\-target bpf \$(pkg\\-config \\-\\-cflags scxcmask)\" .\n",
			"The cmask operations there have the names and meaning of the ones in\n",
			".BR scxcmask_cmask (3).\n";
	}
	print $out ".SH SEE ALSO\n";
	my @see = grep { $_ ne $page } map { page_name($_) } @$all;
	@see = sort(@see);
	print $out join(",\n", map { ".BR $_ (3)" } @see), @see ? ",\n" : '', ".BR scxcmask (1)\n";
	close $out;
	return ($page, @names);
}

# Capitalize prose, not identifiers: "scx_cmask_new() with..." stays.
sub ucfirst_summary {
	my ($s) = @_;
	$s = ucfirst($s) if $s =~ /^[a-z]+\b(?![(_])/;
	return $s =~ s/(?<![.:])$/./r;
}

# ---------------------------------------------------------------- main

my @headers = map { parse_header($_) } @ARGV;
my @written;
my %taken;
for my $h (@headers) {
	my $missing = 0;
	my %doc = map { $_->{name} => 1 } @{$h->{items}};
	for my $f (sort keys %{$h->{api}}) {
		warn_doc("$h->{path}: $f() is SCXCMASK_API but has no kernel-doc comment") unless $doc{$f};
	}
	my ($page, @names) = write_group_page($h, \@headers);
	push @written, "$page.3";
	$taken{$page} = 1;
	for my $n (@names) {
		next if $taken{$n}++;
		my $file = "$outdir/$n.3";
		open my $out, '>', $file or die "gen-man: $file: $!\n";
		print $out ".so man3/$page.3\n";
		close $out;
		push @written, "$n.3";
	}
}
open my $list, '>', "$outdir/pages" or die "gen-man: $outdir/pages: $!\n";
print $list "$_\n" for @written;
close $list;
exit($strict && $warnings ? 1 : 0);
