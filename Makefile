PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: build test demo install clean

build:
	swift build -c release

test:
	Scripts/test

demo:
	Scripts/demo

# The same layout as the packages, under $(PREFIX).
install:
	Packaging/stage-tree .build/install-stage
	install -d $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 .build/install-stage/usr/bin/avn .build/install-stage/usr/bin/git-credential-avn \
		$(DESTDIR)$(PREFIX)/bin/
	install -m 0644 .build/install-stage/usr/share/man/man1/*.1.gz $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 0644 .build/install-stage/usr/share/bash-completion/completions/avn \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/avn
	install -m 0644 .build/install-stage/usr/share/zsh/vendor-completions/_avn \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_avn
	install -m 0644 .build/install-stage/usr/share/fish/vendor_completions.d/avn.fish \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/avn.fish

clean:
	swift package clean
