from cpconf.cli import main

main()
