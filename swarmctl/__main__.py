from swarmctl.cli.main import main

main()
