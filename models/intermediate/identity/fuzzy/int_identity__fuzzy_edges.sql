{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}
{%- set settings = fuzzy_settings() -%}
{%- set comparisons = fuzzy_comparisons() -%}
{#- Match weights and probabilities are rounded to 9 digits (fixed_decimal), so the
    threshold and the tiers compare values whose last bits do not move. -#}
{%- set digits = 9 -%}
{%- set personal_levels = [] -%}
{%- for name in settings.personal_comparisons -%}
    {%- do personal_levels.append(name ~ '_level') -%}
{%- endfor -%}

with

candidate_pairs as (

    select * from {{ ref('int_identity__candidate_pairs') }}

),

parameters as (

    select * from {{ ref('int_identity__fs_parameters') }}

),

weights as (

    -- one row: each level's match weight (log2 of m / u), its m, and the prior
    select
            {%- for comparison in comparisons %}{% for level in comparison.levels %}
            max(
                case
                    when comparison_name = '{{ comparison.name }}'
                        and comparison_level = {{ level[0] }}
                        then match_weight
                end
            ) as weight__{{ comparison.name }}__{{ level[0] }},
            max(
                case
                    when comparison_name = '{{ comparison.name }}'
                        and comparison_level = {{ level[0] }}
                        then m_probability
                end
            ) as m__{{ comparison.name }}__{{ level[0] }},
        {%- endfor %}{% endfor %}
        max(prior_match_probability) as prior_match_probability
    from parameters

),

scored as (

    select
        candidate_pairs.*,
        ln(weights.prior_match_probability / (1 - weights.prior_match_probability)) / ln(2.0)
            as prior_weight,
        {%- for comparison in comparisons %}
            case candidate_pairs.{{ comparison.name }}_level
                {%- for level in comparison.levels %}
                    {%- if comparison.get('tf_level') == level[0] %}
                        -- term-frequency adjustment: agreeing on a common value is weaker evidence
                        when {{ level[0] }}
                            then ln(
                                    weights.m__{{ comparison.name }}__{{ level[0] }}
                                    / candidate_pairs.{{ comparison.tf_column }}
                                )
                                / ln(2.0)
                    {%- else %}
                        when
                            {{ level[0] }}
                            then weights.weight__{{ comparison.name }}__{{ level[0] }}
                    {%- endif %}
                {%- endfor %}
                else 0
            end as {{ comparison.name }}_weight{% if not loop.last %},{% endif %}
        {%- endfor %}
    from candidate_pairs
    cross join weights

),

weighed as (

    {%- set match_weight -%}
        prior_weight
        {%- for comparison in comparisons %}
            + {{ comparison.name }}_weight
        {%- endfor %}
    {%- endset %}
    select
        *,
        cast({{ fixed_decimal(match_weight, digits) }} as double precision) as match_weight
    from scored

),

accepted as (

    select
        *,
        cast(
            {{ fixed_decimal(
                '1.0 / (1.0 + power(2.0, -greatest(least(match_weight, 60), -60)))',
                digits
            ) }}
            as double precision
        ) as match_probability
    from weighed
    where
        {%- if settings.personal_comparisons %}
            -- agreement on something personal: a household shares everything else
            greatest({{ personal_levels | join(', ') }}) > 0
        {%- else %}
            1 = 1
        {%- endif %}
        {%- for name in settings.veto_comparisons %}
            -- {{ name }} disagreeing outright rejects the pair, whatever the other evidence
            and {{ name }}_level != 0
        {%- endfor %}

),

final as (

    select
        source_name_a,
        record_id_a,
        source_name_b,
        record_id_b,
        match_probability,
        match_weight,
        case
            when match_probability >= {{ settings.tiers.high }} then 'high'
            when match_probability >= {{ settings.tiers.medium }} then 'medium'
            when match_probability >= {{ settings.tiers.low }} then 'low'
        end as confidence_tier,
        blocking_rule,
        blocking_rules,
        {%- for comparison in comparisons %}
            {{ comparison.name }}_level,
        {%- endfor %}
        -- the evidence, readable: comparison=level (match weight in bits)
        {%- for comparison in comparisons %}
            '{{ comparison.name }}='
            || case {{ comparison.name }}_level
                {%- for level in comparison.levels %}
                    when {{ level[0] }} then '{{ level[1] }}'
                {%- endfor %}
                else 'missing'
            end
            || ' (' || cast(cast({{ comparison.name }}_weight as decimal(8, 1)) as varchar) || ')'
            {%- if not loop.last %}
                || '; '
            {%- endif %}
        {%- endfor %} as evidence
    from accepted
    where match_probability >= {{ settings.threshold }}

)

select * from final
