{{
    config(
        enabled=var('cdp_identity_fuzzy', {}).get('enabled', false),
        pre_hook="{{ without_jit() }}"
    )
}}
{%- set settings = fuzzy_settings() -%}
{%- set comparisons = fuzzy_comparisons() -%}
{%- set rules = settings.blocking_rules -%}
{#- Pairs of a rule agree on its keys by construction, so they cannot teach the m of a
    comparison that reads one of those keys: "untrained" lists, per comparison, the rules
    whose pairs leave it out of expectation-maximisation (as they leave it out of the
    expected-match count below). -#}
{%- set untrained = {} -%}
{%- for comparison in comparisons -%}
    {%- set names = [] -%}
    {%- for rule in rules -%}
        {%- if rule['keys'] | select('in', comparison.columns) | list | length > 0 -%}
            {%- do names.append("'" ~ rule.name ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do untrained.update({comparison.name: names}) -%}
{%- endfor -%}
{%- set clamp = 40 -%}
{#- Every sum of fractions adds fixed-point decimals (fixed_decimal, 12 digits), which is
    exact: a sum of doubles depends on the order parallel aggregation adds them in, and the
    parameters, then the edges near the threshold, would change from run to run. -#}
{%- set scale = 12 -%}
{#- The log-odds of a match for a pattern row (alias patterns), given one row of
    parameters (alias parameters) and of u probabilities (alias u_row). -#}
{%- set log_odds -%}
    case patterns.training_rule
        {%- for rule in rules %}
        when '{{ rule.name }}'
            then ln(parameters.share__{{ rule.name }} / (1 - parameters.share__{{ rule.name }}))
        {%- endfor %}
    end
    {%- for comparison in comparisons %}
    + case
        {%- if untrained[comparison.name] %}
        when patterns.training_rule in ({{ untrained[comparison.name] | join(', ') }}) then 0
        {%- endif %}
        {%- for level in comparison.levels %}
        when patterns.{{ comparison.name }}_level = {{ level[0] }}
            then ln(parameters.m__{{ comparison.name }}__{{ level[0] }} / u_row.u__{{ comparison.name }}__{{ level[0] }})
        {%- endfor %}
        else 0
    end
    {%- endfor %}
{%- endset -%}
{#- The match probability of a pattern row, clamped and as a fixed decimal: the
    expectation step and the expected matches of the prior sum it. -#}
{%- set pattern_match_probability = fixed_decimal(
    '1.0 / (1.0 + exp(-greatest(least(' ~ log_odds ~ ', ' ~ clamp ~ '), -' ~ clamp ~ ')))',
    scale
) -%}

with

profiles as (

    select * from {{ ref('int_identity__match_profiles') }}

),

candidate_pairs as (

    select * from {{ ref('int_identity__candidate_pairs') }}

),

levels as (
{% for comparison in comparisons %}{% set comparison_loop = loop %}{% for level in comparison.levels %}
    select
        {{ comparison_loop.index }} as comparison_order,
        '{{ comparison.name }}' as comparison_name,
        {{ level[0] }} as comparison_level,
        '{{ level[1] }}' as level_label,
        {{ 'true' if comparison.get('tf_level') == level[0] else 'false' }} as is_term_frequency_adjusted
    {% if not (comparison_loop.last and loop.last) %}union all{% endif %}
{%- endfor %}{% endfor %}

),

---------- u: how often two random records agree at each level

u_sample as (

    -- a fixed pseudo-random sample of records (smallest hashes of their keys)
    select *
    from profiles
    order by {{ dbt.hash("source_name || '|' || record_id") }}
    limit {{ settings.u_sample_records }}

),
{% for comparison in comparisons %}
u_values__{{ comparison.name }} as (

    -- compare distinct values once, weighted by how many sampled records hold them
    select
        {{ comparison.columns | join(', ') }},
        count(*) as record_count,
        row_number() over (order by {{ comparison.columns | join(', ') }}) as value_id
    from u_sample
    group by {{ comparison.columns | join(', ') }}

),

u_levels__{{ comparison.name }} as (

    select
        '{{ comparison.name }}' as comparison_name,
        {{ fuzzy_compare(comparison.macro, 'value_a', 'value_b') }} as comparison_level,
        cast(
            case
                when value_a.value_id = value_b.value_id
                    then value_a.record_count * (value_a.record_count - 1) / 2
                else value_a.record_count * value_b.record_count
            end
            as bigint
        ) as pair_count
    from u_values__{{ comparison.name }} as value_a
    inner join u_values__{{ comparison.name }} as value_b
        on value_a.value_id <= value_b.value_id

),
{% endfor %}
u_counts as (
{% for comparison in comparisons %}
    select
        comparison_name,
        comparison_level,
        sum(pair_count) as pair_count
    from u_levels__{{ comparison.name }}
    where comparison_level >= 0
    group by comparison_name, comparison_level
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

u_probabilities as (

    -- a level never seen among the sampled pairs is given one pair, not zero
    select
        levels.comparison_name,
        levels.comparison_level,
        cast(greatest(coalesce(u_counts.pair_count, 0), 1) as double precision)
        / sum(coalesce(u_counts.pair_count, 0)) over (partition by levels.comparison_name)
            as u_probability,
        sum(coalesce(u_counts.pair_count, 0)) over (partition by levels.comparison_name)
            as u_sample_pairs
    from levels
    left join u_counts
        on levels.comparison_name = u_counts.comparison_name
        and levels.comparison_level = u_counts.comparison_level

),

u_row as (

    select
        {%- for comparison in comparisons %}{% set comparison_loop = loop %}{% for level in comparison.levels %}
        max(
            case
                when comparison_name = '{{ comparison.name }}' and comparison_level = {{ level[0] }}
                    then u_probability
            end
        ) as u__{{ comparison.name }}__{{ level[0] }}{% if not (comparison_loop.last and loop.last) %},{% endif %}
        {%- endfor %}{% endfor %}
    from u_probabilities

),

---------- m: expectation-maximisation over the candidate pairs of each blocking rule

training_pairs as (
{% for rule in rules %}
    select
        '{{ rule.name }}' as training_rule,
        {%- for comparison in comparisons %}
        {{ comparison.name }}_level{% if not loop.last %},{% endif %}
        {%- endfor %}
    from candidate_pairs
    where ',' || blocking_rules || ',' like '%,{{ rule.name }},%'
    {% if not loop.last %}union all{% endif %}
{%- endfor %}

),

patterns as (

    select
        training_rule,
        {%- for comparison in comparisons %}
        {{ comparison.name }}_level,
        {%- endfor %}
        count(*) as pair_count
    from training_pairs
    group by
        training_rule,
        {%- for comparison in comparisons %}
        {{ comparison.name }}_level{% if not loop.last %},{% endif %}
        {%- endfor %}

),

parameters_0 as (

    select
        {%- for comparison in comparisons %}{% for level in comparison.levels %}
        {{ level[2] }} as m__{{ comparison.name }}__{{ level[0] }},
        {%- endfor %}{% endfor %}
        {%- for rule in rules %}
        0.3 as share__{{ rule.name }}{% if not loop.last %},{% endif %}
        {%- endfor %}

),
{% for iteration in range(settings.em_iterations) %}
expectation_{{ iteration }} as (

    select
        patterns.*,
        {{ pattern_match_probability }} as match_probability
    from patterns
    cross join parameters_{{ iteration }} as parameters
    cross join u_row

),

parameters_{{ iteration + 1 }} as (

    select
        {%- for comparison in comparisons %}
        {%- set trained -%}
            {%- if untrained[comparison.name] -%}
                training_rule not in ({{ untrained[comparison.name] | join(', ') }}) and
            {%- endif -%}
        {%- endset %}
        {%- for level in comparison.levels %}
        -- smoothed by one pseudo-pair spread as the starting values are
        cast(
            (
                coalesce(sum(
                    case
                        when {{ trained }} {{ comparison.name }}_level = {{ level[0] }}
                            then pair_count * match_probability
                    end
                ), 0)
                + {{ level[2] }}
            )
            / (
                coalesce(sum(
                    case
                        when {{ trained }} {{ comparison.name }}_level >= 0
                            then pair_count * match_probability
                    end
                ), 0)
                + 1
            )
            as double precision
        ) as m__{{ comparison.name }}__{{ level[0] }},
        {%- endfor %}{% endfor %}
        {%- for rule in rules %}
        cast(least(greatest(coalesce(
            sum(case when training_rule = '{{ rule.name }}' then pair_count * match_probability end)
            / nullif(sum(case when training_rule = '{{ rule.name }}' then pair_count end), 0),
            0.3
        ), 0.000001), 0.999999) as double precision) as share__{{ rule.name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from expectation_{{ iteration }}

),
{% endfor %}
trained_parameters as (

    select * from parameters_{{ settings.em_iterations }}

),

---------- the prior: expected matches among candidate pairs over all pairs of records

first_rule_patterns as (

    select
        blocking_rule as training_rule,
        {%- for comparison in comparisons %}
        {{ comparison.name }}_level,
        {%- endfor %}
        count(*) as pair_count
    from candidate_pairs
    group by
        blocking_rule,
        {%- for comparison in comparisons %}
        {{ comparison.name }}_level{% if not loop.last %},{% endif %}
        {%- endfor %}

),

expected_matches as (

    select
        cast(
            sum(
                patterns.pair_count
                * {{ pattern_match_probability }}
            )
            as double precision
        ) as expected_matches,
        sum(patterns.pair_count) as candidate_pairs
    from first_rule_patterns as patterns
    cross join trained_parameters as parameters
    cross join u_row

),

record_count as (

    select count(*) as profiles from profiles

),

prior as (

    select
        {%- if settings.prior_match_probability is not none %}
        cast({{ settings.prior_match_probability }} as double precision) as prior_match_probability,
        {%- else %}
        least(greatest(
            expected_matches.expected_matches
            / (record_count.profiles * (record_count.profiles - 1.0) / 2.0),
            1e-12
        ), 0.5) as prior_match_probability,
        {%- endif %}
        expected_matches.expected_matches,
        expected_matches.candidate_pairs
    from expected_matches
    cross join record_count

),

estimated as (

    select
        levels.comparison_order,
        levels.comparison_name,
        levels.comparison_level,
        levels.level_label,
        case
            {%- for comparison in comparisons %}{% for level in comparison.levels %}
            when levels.comparison_name = '{{ comparison.name }}' and levels.comparison_level = {{ level[0] }}
                then parameters.m__{{ comparison.name }}__{{ level[0] }}
            {%- endfor %}{% endfor %}
        end as m_probability,
        u_probabilities.u_probability,
        levels.is_term_frequency_adjusted,
        u_probabilities.u_sample_pairs,
        prior.prior_match_probability,
        prior.expected_matches,
        prior.candidate_pairs,
        {{ settings.em_iterations }} as em_iterations
    from levels
    inner join u_probabilities
        on levels.comparison_name = u_probabilities.comparison_name
        and levels.comparison_level = u_probabilities.comparison_level
    cross join trained_parameters as parameters
    cross join prior

),

final as (

    select
        *,
        m_probability / u_probability as bayes_factor,
        ln(m_probability / u_probability) / ln(2.0) as match_weight
    from estimated

)

select * from final
