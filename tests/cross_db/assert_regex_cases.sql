{#- Literal cases for regex_matches and regex_replace: each case is compiled with its own
    pattern (patterns are SQL text, not data; texts are quoted exactly by regex_literal),
    and the test returns the cases whose result differs from the expected one. Covers what
    the engines spell differently: backslash classes, a quote in the pattern, group
    references, first match only, case folding and a literal $ in the replacement. -#}
{%- set replace_cases = [
    ('a  b \t c', '\\s+', ' ', true, false, 'a b c'),
    ('2024-3-7', '-([0-9])-', '-0\\1-', false, false, '2024-03-7'),
    ('1-2-3-4', '-([0-9])', '+\\1', false, false, '1+2-3-4'),
    ('1-2-3-4', '-([0-9])', '+\\1', true, false, '1+2+3+4'),
    ('2024-mar-07 / mar', '-(jan|mar|march)-', '-03-', false, false, '2024-03-07 / mar'),
    ('07.03.2024', '^([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{4})$', '\\3-\\2-\\1', false, false, '2024-03-07'),
    ('Mr. John Smith', '^(mr|mrs|dr)\\.?\\s+', '', false, true, 'John Smith'),
    ('O''Brien', "['`]", '', true, false, 'OBrien'),
    ('price 5', '([0-9]+)', '$\\1', true, false, 'price $5'),
    ('+44 (0) 20', '[^0-9+]', '', true, false, '+44020')
] -%}
{%- set match_cases = [
    ('john.doe@example.com', '^[a-z.]+@[a-z]+\\.[a-z]{2,}$', true),
    ('o''brien@mail.ie', "^[a-z']+@", true),
    ('ABC', '^[a-z]+$', false),
    ('call 555', '[0-9]{3}', true),
    ('a.b', '^a\\.b$', true),
    ('axb', '^a\\.b$', false)
] -%}

{%- set cases = [] -%}
{%- for input_value, pattern, replacement, all, ignore_case, expected in replace_cases -%}
    {%- do cases.append((
        'replace ' ~ loop.index, input_value, expected,
        regex_replace('cases.input_value', pattern, replacement, all=all, ignore_case=ignore_case)
    )) -%}
{%- endfor -%}
{%- for input_value, pattern, expected in match_cases -%}
    {%- do cases.append((
        'match ' ~ loop.index, input_value, expected | lower,
        "case when " ~ regex_matches('cases.input_value', pattern) ~ " then 'true' else 'false' end"
    )) -%}
{%- endfor -%}

with

cases as (

    select fixture.*
    from (
        values
        {%- for case_name, input_value, expected, _ in cases %}
            ('{{ case_name }}', {{ regex_literal(input_value) }}, {{ regex_literal(expected) }})
            {{- ',' if not loop.last }}
        {%- endfor %}
    ) as fixture (case_name, input_value, expected)

),

computed as (

    select
        cases.case_name,
        cases.expected,
        case cases.case_name
            {%- for case_name, _, _, actual in cases %}
                when '{{ case_name }}' then {{ actual }}
            {%- endfor %}
        end as actual
    from cases

)

select *
from computed
where actual is distinct from expected
