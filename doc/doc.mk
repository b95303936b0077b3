doc:
	@echo no docs yet
.PHONY: doc
