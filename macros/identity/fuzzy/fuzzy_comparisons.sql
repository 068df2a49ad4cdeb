{% macro fuzzy_comparisons() -%}
    {#- The comparisons of the Fellegi-Sunter model, in evidence order. For each: the
        macro grading a pair (compare_<...>(left_alias, right_alias) returns a level), the
        profile columns it reads (a blocking rule on any of them forces agreement, so pairs
        of that rule do not train its m), its levels strongest first with a starting m for
        expectation-maximisation, the level whose u is replaced by the frequency of the
        value (term-frequency adjustment), and the level that vetoes a pair when the
        comparison is listed in veto_comparisons. Level 0 is always "different"; -1
        (missing on either side) carries no evidence. -#}
    {{ return([
        {'name': 'first_name', 'macro': 'compare_first_names',
         'columns': ['first_name_key', 'first_name_canonical'],
         'levels': [(4, 'exact', 0.80), (3, 'nickname', 0.07), (2, 'typo', 0.05), (1, 'similar', 0.03), (0, 'different', 0.05)],
         'tf_level': 4, 'tf_column': 'first_name_frequency'},
        {'name': 'last_name', 'macro': 'compare_last_names',
         'columns': ['last_name_key'],
         'levels': [(3, 'exact', 0.85), (2, 'typo', 0.05), (1, 'similar', 0.03), (0, 'different', 0.07)],
         'tf_level': 3, 'tf_column': 'last_name_frequency'},
        {'name': 'birth_date', 'macro': 'compare_birth_dates',
         'columns': ['birth_date'],
         'levels': [(3, 'exact', 0.85), (2, 'swapped_day_month', 0.05), (1, 'one_part_differs', 0.05), (0, 'different', 0.05)]},
        {'name': 'email', 'macro': 'compare_emails',
         'columns': ['email', 'email_local_part', 'email_digits', 'email_domain', 'email_head', 'email_tail'],
         'levels': [(3, 'exact', 0.6), (2, 'local_part', 0.05), (1, 'typo', 0.05), (0, 'different', 0.3)]},
        {'name': 'phone', 'macro': 'compare_phones',
         'columns': ['phone'],
         'levels': [(2, 'exact', 0.7), (1, 'last_digits', 0.02), (0, 'different', 0.28)]},
        {'name': 'address', 'macro': 'compare_addresses',
         'columns': ['address_key'],
         'levels': [(2, 'exact', 0.75), (1, 'close', 0.05), (0, 'different', 0.2)]},
        {'name': 'postcode', 'macro': 'compare_postcodes',
         'columns': ['postcode', 'city_key', 'country_code'],
         'levels': [(2, 'exact', 0.75), (1, 'same_city', 0.05), (0, 'different', 0.2)]},
    ]) }}
{%- endmacro %}
